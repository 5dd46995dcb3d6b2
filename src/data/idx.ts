/**
 * The IDX format (MNIST, Fashion-MNIST, KMNIST): a 4-byte magic (0, 0, type, ndim), ndim
 * big-endian uint32 dims, then the data. Unsigned bytes (type 0x08) only. Every header is checked
 * against the file's real length before anything is allocated from it; raw files are read only as
 * far as needed, .gz files are inflated with a size cap.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ArgumentError } from '../errors.js';
import { DataFormatError } from './errors.js';

/** A parsed IDX file: its dims and its unsigned bytes, row-major. */
export interface IdxData {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;
/** Inflated .gz files larger than this are refused unless `maxBytes` says otherwise (MNIST train images: 47 MB). */
export const DEFAULT_MAX_IDX_BYTES = 256 * 2 ** 20;

/** dims and header size from the first bytes of a file of `total` bytes; throws on any mismatch. */
function parseHeader(head: Uint8Array, total: number, source: string, ndim?: number): { dims: number[]; headerSize: number } {
  const bad = (what: string): DataFormatError => new DataFormatError(`${source}: not a valid IDX file: ${what}`);
  if (total < 4) throw bad(`${total} bytes, too short for the 4-byte magic number`);
  const magic = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  const hex = `0x${magic.toString(16).padStart(8, '0')}`;
  if (head[0] !== 0 || head[1] !== 0) throw bad(`magic number ${hex} does not start with two zero bytes (is it gzipped or another format?)`);
  if (head[2] !== UBYTE) throw bad(`magic number ${hex} has data type 0x${head[2]!.toString(16).padStart(2, '0')}; only unsigned bytes (0x08) are supported`);
  const nd = head[3]!;
  if (nd === 0 || (ndim !== undefined && nd !== ndim)) throw bad(`magic number ${hex} says ${nd} dims, expected ${ndim ?? 'at least 1'}`);
  const headerSize = 4 + 4 * nd;
  if (total < headerSize) throw bad(`truncated header: ${total} bytes, the ${nd} dims need ${headerSize}`);
  const view = new DataView(head.buffer, head.byteOffset, headerSize);
  const dims = Array.from({ length: nd }, (_, i) => view.getUint32(4 + 4 * i, false));
  const need = dims.reduce((a, b) => a * b, 1);
  const have = total - headerSize;
  if (need > have) throw bad(`truncated: dims [${dims.join(',')}] need ${need} data bytes, the file has ${have}`);
  if (need < have) throw bad(`dims [${dims.join(',')}] need ${need} data bytes, the file has ${have - need} more`);
  return { dims, headerSize };
}

/**
 * Parses IDX bytes (already inflated). `ndim`, when given, is the number of dims the file must
 * have. The data is a view into `bytes`, not a copy.
 * @example parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 9])).dims // [2]
 */
export function parseIdx(bytes: Uint8Array, source = 'parseIdx', ndim?: number): IdxData {
  const { dims, headerSize } = parseHeader(bytes, bytes.length, source, ndim);
  return { dims, data: bytes.subarray(headerSize) };
}

function inflate(path: string, maxBytes: number): Uint8Array {
  const gz = readFileSync(path);
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b) throw new DataFormatError(`${path}: not a gzip file (bad magic bytes or too short)`);
  try {
    // maxOutputLength stops inflating at the cap, so a gzip bomb never gets its memory
    const out = gunzipSync(gz, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataFormatError(`${path}: inflates to more than the ${maxBytes}-byte limit (maxBytes)`);
    }
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DataFormatError(`${path}: corrupt or truncated gzip data (${why})`);
  }
}

export interface ReadIdxOptions {
  /** The number of dims the file must have. */
  ndim?: number;
  /** Read only the first `limit` entries along dim 0. */
  limit?: number;
  /** Largest inflated size accepted for a .gz file (default 256 MiB). */
  maxBytes?: number;
}

/**
 * Reads an IDX file, raw or gzipped (by its .gz name). With `limit`, dims[0] is cut to at most
 * `limit` and a raw file is read only that far (its length is still checked against the header).
 * Internal: loadMnist's reader.
 */
export function readIdx(path: string, opts: ReadIdxOptions = {}): IdxData {
  const limit = opts.limit ?? Infinity;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) throw new ArgumentError(`readIdx: limit must be a non-negative integer, got ${limit}`);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IDX_BYTES;
  const cut = ({ dims, data }: IdxData): IdxData => {
    const n = Math.min(dims[0]!, limit);
    const per = dims.slice(1).reduce((a, b) => a * b, 1);
    return { dims: [n, ...dims.slice(1)], data: data.subarray(0, n * per) };
  };
  if (path.endsWith('.gz')) return cut(parseIdx(inflate(path, maxBytes), path, opts.ndim));
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(total, 4 + 4 * 255));
    readSync(fd, head, 0, head.length, 0);
    const { dims, headerSize } = parseHeader(head, total, path, opts.ndim);
    const n = Math.min(dims[0]!, limit);
    const per = dims.slice(1).reduce((a, b) => a * b, 1);
    const data = new Uint8Array(n * per);
    let at = 0;
    while (at < data.length) {
      const got = readSync(fd, data, at, data.length - at, headerSize + at);
      if (got === 0) throw new DataFormatError(`${path}: file shrank while being read`);
      at += got;
    }
    return { dims: [n, ...dims.slice(1)], data };
  } finally {
    closeSync(fd);
  }
}
