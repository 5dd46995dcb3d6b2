/**
 * The safetensors format in memory: tensors <-> bytes, byte-exact with the reference (Rust) writer:
 * u64-LE header length N, N bytes of compact JSON padded with spaces to a multiple of 8, then the
 * tensors' little-endian bytes, sorted by descending dtype alignment then name. No file system
 * here (see safetensors_file.ts); untrusted headers are validated in safetensors_header.ts.
 */
import { Tensor } from '../tensor/tensor.js';
import type { DType, TypedArray } from '../tensor/dtype.js';
import { SafetensorsError } from './errors.js';
import {
  SAFETENSORS_DTYPES, type SafetensorsDType, type SafetensorsEntry, type SafetensorsHeader,
  decodeHeader, quote, readHeaderLength,
} from './safetensors_header.js';

/** Named tensors, as a Map (kept in insertion order) or a plain object. */
export type TensorDict = ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

/** What `parseSafetensors` returns: tensors in file order and the string metadata ({} if none). */
export interface SafetensorsContent {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

const WRITE_DTYPE: Readonly<Record<DType, SafetensorsDType>> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();

/** A file's parts, so writers can stream them without one big concatenated copy. */
export interface EncodedSafetensors {
  /** The 8-byte length followed by the padded JSON header. */
  header: Uint8Array;
  /** Each tensor's bytes, in file order. */
  chunks: Uint8Array[];
  byteLength: number;
}

function fail(op: string, message: string): never {
  throw new SafetensorsError(`${op}: ${message}`);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Reverses each `size`-byte element in place (only on big-endian hosts: the format is little-endian). */
function swapBytes(bytes: Uint8Array, size: number): void {
  if (IS_LITTLE_ENDIAN || size === 1) return;
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

function checkText(op: string, what: string, s: string): void {
  // NOTE: a lone UTF-16 surrogate has no UTF-8 form; JSON would carry an escape other readers reject
  if (/\p{Cs}/u.test(s)) fail(op, `${what} ${quote(s)} contains a lone UTF-16 surrogate`);
}

/** Checks the arguments and lays out the file: header bytes plus one chunk per tensor. */
export function encodeSafetensors(tensors: TensorDict, metadata: Readonly<Record<string, string>> | undefined, op: string): EncodedSafetensors {
  const pairs: [string, unknown][] = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  const items = pairs.map(([name, t]) => {
    if (typeof name !== 'string') fail(op, `tensor names must be strings, got ${typeof name}`);
    if (name === '__metadata__') fail(op, 'the name "__metadata__" is reserved for the metadata');
    checkText(op, 'tensor name', name);
    if (!(t instanceof Tensor)) fail(op, `value of ${quote(name)} is not a Tensor`);
    const dtype = WRITE_DTYPE[t.dtype];
    if (dtype === undefined) fail(op, `tensor ${quote(name)} has unsupported dtype ${String(t.dtype)}`);
    return { name, t, dtype, key: utf8.encode(name) };
  });
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) fail(op, 'metadata must be an object of strings');
  const meta = metadata === undefined ? [] : Object.entries(metadata as Record<string, unknown>);
  for (const [k, v] of meta) {
    checkText(op, 'metadata key', k);
    if (typeof v !== 'string') fail(op, `metadata value of ${quote(k)} must be a string, got ${typeof v}`);
    checkText(op, 'metadata value', v);
  }
  // the reference writer's order: descending dtype alignment, then name by UTF-8 bytes
  items.sort((a, b) => SAFETENSORS_DTYPES[b.dtype].rank - SAFETENSORS_DTYPES[a.dtype].rank || compareBytes(a.key, b.key));

  const fields: string[] = [];
  // NOTE: an empty metadata object is omitted, so parse -> serialize reproduces a file without one
  if (meta.length) fields.push(`"__metadata__":${JSON.stringify(Object.fromEntries(meta))}`);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const { name, t, dtype } of items) {
    const data = t.toTypedArray();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    swapBytes(bytes, SAFETENSORS_DTYPES[dtype].size);
    chunks.push(bytes);
    // JSON.stringify's compact output and escapes are serde_json's
    fields.push(`${JSON.stringify(name)}:{"dtype":"${dtype}","shape":${JSON.stringify(t.shape)},"data_offsets":[${offset},${offset + bytes.length}]}`);
    offset += bytes.length;
  }
  const json = utf8.encode(`{${fields.join(',')}}`);
  const n = Math.ceil(json.length / 8) * 8;
  const header = new Uint8Array(8 + n).fill(0x20, 8 + json.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, n % 2 ** 32, true);
  view.setUint32(4, Math.floor(n / 2 ** 32), true);
  header.set(json, 8);
  return { header, chunks, byteLength: header.length + offset };
}

/**
 * Encodes named tensors as a safetensors file (F32, F64, I32, BOOL), byte-identical to what the
 * reference writer produces for the same tensors. Views are written as their elements, row-major.
 * @param metadata free-form string pairs stored under `__metadata__`
 * @example
 * const bytes = serializeSafetensors({ w: tensor([1, 2]) }, { framework: 'myelin' });
 * parseSafetensors(bytes).tensors.get('w')!.toArray() // [1, 2]
 */
export function serializeSafetensors(tensors: TensorDict, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const { header, chunks, byteLength } = encodeSafetensors(tensors, metadata, 'serializeSafetensors');
  const out = new Uint8Array(byteLength);
  out.set(header, 0);
  let at = header.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads a safetensors file held in memory. Everything about the header is validated before any
 * tensor memory is allocated; a malformed or hostile file throws a SafetensorsError. F16/BF16 are
 * read as float32, U8/I8/I16/U16 as int32, and I64/U32/U64 as int32 when every value fits.
 * @example parseSafetensors(serializeSafetensors({ n: tensor([7], { dtype: 'int32' }) })).tensors.get('n')!.dtype // 'int32'
 */
export function parseSafetensors(bytes: Uint8Array): SafetensorsContent {
  const op = 'parseSafetensors';
  if (!(bytes instanceof Uint8Array)) fail(op, 'expected a Uint8Array');
  const n = readHeaderLength(bytes.subarray(0, 8), bytes.length, op);
  const header = decodeHeader(bytes.subarray(8, 8 + n), bytes.length, op);
  return { tensors: decodeTensors(header, bytes.subarray(8 + n), op), metadata: header.metadata };
}

/** Builds the tensors of a validated header from the byte buffer after it (which must be complete). */
export function decodeTensors(header: SafetensorsHeader, data: Uint8Array, op: string): Map<string, Tensor> {
  for (const e of header.tensors) checkRange(e, data, op);
  const out = new Map<string, Tensor>();
  for (const e of header.tensors) {
    let values: TypedArray;
    try {
      values = decodeValues(e, data.subarray(e.dataOffsets[0], e.dataOffsets[1]));
    } catch (err) {
      if (err instanceof RangeError) fail(op, `tensor ${quote(e.name)}: cannot allocate ${e.byteSize} bytes (${err.message})`);
      throw err;
    }
    out.set(e.name, new Tensor(values, e.shape, SAFETENSORS_DTYPES[e.dtype].to));
  }
  return out;
}

/** Integer dtypes wider than int32 are read only when every value fits; checked before allocating. */
function checkRange(e: SafetensorsEntry, data: Uint8Array, op: string): void {
  if (e.dtype !== 'I64' && e.dtype !== 'U64' && e.dtype !== 'U32') return;
  const src = data.subarray(e.dataOffsets[0], e.dataOffsets[1]);
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const size = SAFETENSORS_DTYPES[e.dtype].size;
  for (let i = 0; i < src.length; i += size) {
    const lo = dv.getInt32(i, true);
    const hi = size === 8 ? dv.getInt32(i + 4, true) : 0;
    const fits = e.dtype === 'I64' ? hi === lo >> 31 : hi === 0 && lo >= 0;
    if (!fits) {
      const v = e.dtype === 'I64' ? dv.getBigInt64(i, true) : e.dtype === 'U64' ? dv.getBigUint64(i, true) : dv.getUint32(i, true);
      fail(op, `tensor ${quote(e.name)}: ${e.dtype} value ${v} at index ${i / size} does not fit in int32`);
    }
  }
}

/** IEEE half -> number (exact: every half is a float32). */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // zero and subnormals
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function decodeValues(e: SafetensorsEntry, src: Uint8Array): TypedArray {
  const size = SAFETENSORS_DTYPES[e.dtype].size;
  const n = src.length / size;
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  switch (e.dtype) {
    case 'F32':
    case 'F64':
    case 'I32': {
      const copy = src.slice(); // fresh, aligned buffer
      swapBytes(copy, size);
      const Ctor = e.dtype === 'F32' ? Float32Array : e.dtype === 'F64' ? Float64Array : Int32Array;
      return new Ctor(copy.buffer, 0, n);
    }
    case 'BOOL':
      return src.map((v) => (v !== 0 ? 1 : 0));
    case 'F16':
      return Float32Array.from({ length: n }, (_, i) => halfToNumber(dv.getUint16(2 * i, true)));
    case 'BF16': {
      // bf16 is the top half of a float32
      const out = new Float32Array(n);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) bits[i] = dv.getUint16(2 * i, true) << 16;
      return out;
    }
    default: {
      const out = new Int32Array(n);
      const read = INT_READERS[e.dtype];
      for (let i = 0; i < n; i++) out[i] = read(dv, i);
      return out;
    }
  }
}

/** Integer element readers (ranges of the wide ones were checked by checkRange). */
const INT_READERS: Readonly<Record<'U8' | 'I8' | 'I16' | 'U16' | 'U32' | 'I64' | 'U64', (dv: DataView, i: number) => number>> = {
  U8: (dv, i) => dv.getUint8(i),
  I8: (dv, i) => dv.getInt8(i),
  I16: (dv, i) => dv.getInt16(2 * i, true),
  U16: (dv, i) => dv.getUint16(2 * i, true),
  U32: (dv, i) => dv.getInt32(4 * i, true),
  I64: (dv, i) => dv.getInt32(8 * i, true),
  U64: (dv, i) => dv.getInt32(8 * i, true),
};
