/**
 * safetensors files on disk (Node only): atomic save, load, and a header-only inspect. Loading
 * reads and validates the header against the file size first, so a hostile or truncated file
 * fails before its data is read or any tensor memory is allocated.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MyelinError } from '../errors.js';
import { SafetensorsError } from './errors.js';
import { writeFileAtomic } from './atomic.js';
import { type SafetensorsContent, type TensorDict, decodeTensors, encodeSafetensors } from './safetensors.js';
import { type SafetensorsHeader, decodeHeader, readHeaderLength } from './safetensors_header.js';

/**
 * A Node error (ENOENT, EACCES…) as a one-line `Cls` error of `op`, keeping it as `cause`.
 * Myelin errors pass through unchanged.
 */
export function ioError(op: string, what: string, path: string, e: unknown, Cls: typeof MyelinError = SafetensorsError): MyelinError {
  if (e instanceof MyelinError) return e;
  const err = new Cls(`${op}: cannot ${what} '${path}': ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  err.cause = e;
  return err;
}

function readExactly(fd: number, length: number, position: number, op: string): Uint8Array {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new SafetensorsError(`${op}: file ended after ${position + done} bytes (it changed while being read?)`);
    done += n;
  }
  return out;
}

/** Opens `path`, validates the header, and hands the descriptor to `body`. */
function withHeader<T>(path: string, op: string, body: (fd: number, header: SafetensorsHeader) => T, Cls: typeof MyelinError = SafetensorsError): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw ioError(op, 'open', path, e, Cls);
  }
  try {
    const size = fstatSync(fd).size;
    const n = readHeaderLength(readExactly(fd, Math.min(8, size), 0, op), size, op);
    return body(fd, decodeHeader(readExactly(fd, n, 8, op), size, op));
  } catch (e) {
    throw ioError(op, 'read', path, e, Cls);
  } finally {
    closeSync(fd);
  }
}

/** Reads and decodes a whole file (shared with checkpoint loading). */
export function readSafetensorsFile(path: string, op: string, Cls: typeof MyelinError = SafetensorsError): SafetensorsContent {
  return withHeader(path, op, (fd, header) => {
    const start = 8 + header.headerSize;
    const data = readExactly(fd, header.fileSize - start, start, op);
    return { tensors: decodeTensors(header, data, op), metadata: header.metadata };
  }, Cls);
}

/**
 * Writes named tensors to `path` as safetensors, atomically (temp file, fsync, rename): a crash
 * mid-save leaves any previous file intact. The bytes are those of `serializeSafetensors`.
 * @example
 * // saveSafetensors('model.safetensors', tensors, metadata) writes exactly these bytes:
 * serializeSafetensors({ w: zeros([2, 2]) }, { epoch: '3' }).length // 112
 */
export function saveSafetensors(path: string, tensors: TensorDict, metadata?: Readonly<Record<string, string>>): void {
  const op = 'saveSafetensors';
  const { header, chunks } = encodeSafetensors(tensors, metadata, op);
  try {
    writeFileAtomic(path, [header, ...chunks]);
  } catch (e) {
    throw ioError(op, 'write', path, e);
  }
}

/**
 * Reads a safetensors file: the tensors in file order and the string metadata. Same checks and
 * dtype conversions as `parseSafetensors`, done on the header before the data is read.
 * @example
 * // loadSafetensors(path) returns what parseSafetensors returns for the file's bytes:
 * parseSafetensors(serializeSafetensors({ b: ones([3]) })).tensors.get('b')!.shape // [3]
 */
export function loadSafetensors(path: string): SafetensorsContent {
  return readSafetensorsFile(path, 'loadSafetensors');
}

/**
 * Reads only the header of a safetensors file (8 + N bytes, whatever the file's size) and returns
 * the validated tensor entries (name, dtype, shape, byte size, offsets) and metadata.
 * @example
 * // for a file holding a (float32 [2,3]) and b (int32 [1]), inspectSafetensors(path).tensors is
 * // [{ name: 'a', dtype: 'F32', shape: [2, 3], dataOffsets: [0, 24], byteSize: 24 }, { name: 'b', … }]
 * serializeSafetensors({ a: zeros([2, 3]), b: tensor([1], { dtype: 'int32' }) }).length // 148
 */
export function inspectSafetensors(path: string): SafetensorsHeader {
  return withHeader(path, 'inspectSafetensors', (_fd, header) => header);
}
