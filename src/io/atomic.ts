/**
 * Atomic file replacement: write a temp file in the target's directory, fsync it, rename it over
 * the target, fsync the directory. Readers see the old file or the new one, never a torn one; a
 * crash mid-write leaves the old file intact (plus, after a hard kill, a `.<name>.*.tmp` file).
 * Node only (node:fs). Not a lock: two concurrent writers of one path race, the last rename wins.
 */
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** What `writeFileAtomic` writes: text (UTF-8), bytes, or a sequence of byte chunks. */
export type AtomicData = string | Uint8Array | Iterable<Uint8Array>;

function* chunksOf(data: AtomicData): Generator<Uint8Array> {
  if (typeof data === 'string') yield new TextEncoder().encode(data);
  else if (data instanceof Uint8Array) yield data;
  else yield* data;
}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
}

/** Flushes the directory entry (the rename) to disk; skipped where directories cannot be fsynced. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Windows cannot open directories; some file systems refuse fsync on them
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'EBADF', 'ENOTSUP'].includes(code ?? '')) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` atomically and durably. A symlink is followed (its target is
 * replaced); an existing file's permission bits are kept. On any failure, including an error
 * thrown while the chunks are produced, the temp file is removed, the old file is untouched and
 * the error is rethrown. Chunks are written as they come, so a large file is never concatenated.
 */
export function writeFileAtomic(path: string, data: AtomicData): void {
  let target = path;
  let mode = 0o666;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // a new file: keep the given path and the default mode (less the umask)
  }
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  let isTmpPresent = false;
  try {
    fd = openSync(tmp, 'wx', mode);
    isTmpPresent = true;
    for (const chunk of chunksOf(data)) writeAll(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    isTmpPresent = false;
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the original error is the one to report
      }
    }
    if (isTmpPresent) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing more to do: the original error is the one to report
      }
    }
    throw e;
  }
  fsyncDir(dir);
}
