/**
 * Atomic writes: a failure at any point (while the data is produced, at the rename, or a hard
 * kill of the process mid-write) leaves the previous file intact; handled failures leave no
 * temp file behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { saveSafetensors, loadSafetensors, tensor, SafetensorsError } from '../../src/index.js';

function inTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-atomic-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OLD = 'the previous, complete file';

test('writes text, bytes and chunk sequences; replaces an existing file; no temp file stays', () => {
  inTempDir((dir) => {
    const p = join(dir, 'out.txt');
    writeFileAtomic(p, 'héllo');
    assert.equal(readFileSync(p, 'utf8'), 'héllo');
    writeFileAtomic(p, Uint8Array.from([1, 2, 3]));
    assert.deepEqual([...readFileSync(p)], [1, 2, 3]);
    writeFileAtomic(p, [Uint8Array.from([4]), new Uint8Array(0), Uint8Array.from([5, 6])]);
    assert.deepEqual([...readFileSync(p)], [4, 5, 6]);
    assert.deepEqual(readdirSync(dir), ['out.txt']);
  });
});

test('an error while the data is being produced leaves the old file intact and removes the temp file', () => {
  inTempDir((dir) => {
    const p = join(dir, 'model.safetensors');
    writeFileSync(p, OLD);
    function* failing(): Generator<Uint8Array> {
      yield new Uint8Array(1 << 20).fill(7); // a megabyte reaches the temp file first
      throw new Error('injected failure mid-write');
    }
    assert.throws(() => writeFileAtomic(p, failing()), /injected failure mid-write/);
    assert.equal(readFileSync(p, 'utf8'), OLD);
    assert.deepEqual(readdirSync(dir), ['model.safetensors']);
  });
});

test('a failing rename (target is a non-empty directory) leaves no temp file', () => {
  inTempDir((dir) => {
    const p = join(dir, 'taken');
    mkdirSync(p);
    writeFileSync(join(p, 'inside'), OLD);
    assert.throws(() => writeFileAtomic(p, 'new'), (e: unknown) => ['EISDIR', 'ENOTEMPTY', 'EEXIST', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? ''));
    assert.deepEqual(readdirSync(dir), ['taken']);
    assert.equal(readFileSync(join(p, 'inside'), 'utf8'), OLD);
  });
});

test('a missing directory is an error and creates nothing', () => {
  inTempDir((dir) => {
    assert.throws(() => writeFileAtomic(join(dir, 'no', 'such', 'f'), 'x'), (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT');
    assert.deepEqual(readdirSync(dir), []);
  });
});

test('keeps the permission bits of the file it replaces, and replaces a symlink target, not the link', { skip: process.platform === 'win32' }, () => {
  inTempDir((dir) => {
    const p = join(dir, 'secret');
    writeFileSync(p, OLD);
    chmodSync(p, 0o600);
    writeFileAtomic(p, 'new');
    assert.equal(statSync(p).mode & 0o777, 0o600);
    const link = join(dir, 'link');
    symlinkSync(p, link);
    writeFileAtomic(link, 'via link');
    assert.equal(readFileSync(p, 'utf8'), 'via link');
    assert.ok(statSync(link).isFile());
    assert.equal(readdirSync(dir).sort().join(','), 'link,secret');
  });
});

test('a process killed mid-write (SIGKILL) leaves the old file intact', { skip: process.platform === 'win32' }, () => {
  inTempDir((dir) => {
    const p = join(dir, 'ckpt.safetensors');
    writeFileSync(p, OLD);
    const atomic = fileURLToPath(new URL('../../src/io/atomic.ts', import.meta.url));
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(atomic)};
      function* chunks() {
        yield new Uint8Array(1 << 20).fill(1);
        process.kill(process.pid, 'SIGKILL');
        yield new Uint8Array(1 << 20).fill(2);
      }
      writeFileAtomic(${JSON.stringify(p)}, chunks());`;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(res.signal, 'SIGKILL', res.stderr);
    assert.equal(readFileSync(p, 'utf8'), OLD);
    // nothing can clean up after SIGKILL: the partial temp file is recognisable, next to the target
    const left = readdirSync(dir).filter((f) => f !== 'ckpt.safetensors');
    assert.equal(left.length, 1);
    assert.match(left[0]!, /^\.ckpt\.safetensors\.\d+\.[0-9a-f]{12}\.tmp$/);
  });
});

test('saveSafetensors is atomic and reports write failures as SafetensorsError with the cause', () => {
  inTempDir((dir) => {
    const p = join(dir, 'w.safetensors');
    saveSafetensors(p, { w: tensor([1, 2]) });
    saveSafetensors(p, { w: tensor([3, 4]) }, { v: '2' });
    assert.deepEqual(loadSafetensors(p).tensors.get('w')!.toArray(), [3, 4]);
    const bad = join(dir, 'missing', 'w.safetensors');
    assert.throws(() => saveSafetensors(bad, { w: tensor([1]) }), (e: unknown) => {
      assert.ok(e instanceof SafetensorsError);
      assert.match(e.message, /^saveSafetensors: cannot write '.*w\.safetensors': ENOENT/);
      assert.equal((e.cause as NodeJS.ErrnoException).code, 'ENOENT');
      return true;
    });
    assert.deepEqual(readdirSync(dir), ['w.safetensors']);
  });
});
