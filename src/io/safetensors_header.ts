/**
 * The safetensors header: the dtype table, and the validation of an untrusted header (its
 * length, UTF-8, JSON, duplicate keys, dtypes, shapes, offsets and metadata) against the size of
 * the byte buffer behind it. Reading only: no tensor memory is touched here. Writing lives in
 * safetensors.ts.
 */
import { type DType } from '../tensor/dtype.js';
import { SafetensorsError } from './errors.js';

/** The dtype names of the safetensors format that Myelin reads (it writes F32, F64, I32, BOOL). */
export type SafetensorsDType = 'BOOL' | 'U8' | 'I8' | 'I16' | 'U16' | 'F16' | 'BF16' | 'I32' | 'U32' | 'F32' | 'F64' | 'I64' | 'U64';

interface DTypeInfo {
  /** Bytes per element. */
  size: number;
  /** Position in the reference crate's `Dtype` enum (increasing alignment): the writer sorts by it, descending. */
  rank: number;
  /** The Myelin dtype it is read as. */
  to: DType;
}

export const SAFETENSORS_DTYPES: Readonly<Record<SafetensorsDType, DTypeInfo>> = {
  BOOL: { size: 1, rank: 0, to: 'bool' },
  U8: { size: 1, rank: 1, to: 'int32' },
  I8: { size: 1, rank: 2, to: 'int32' },
  I16: { size: 2, rank: 5, to: 'int32' },
  U16: { size: 2, rank: 6, to: 'int32' },
  F16: { size: 2, rank: 7, to: 'float32' },
  BF16: { size: 2, rank: 8, to: 'float32' },
  I32: { size: 4, rank: 9, to: 'int32' },
  U32: { size: 4, rank: 10, to: 'int32' },
  F32: { size: 4, rank: 11, to: 'float32' },
  F64: { size: 8, rank: 12, to: 'float64' },
  I64: { size: 8, rank: 13, to: 'int32' },
  U64: { size: 8, rank: 14, to: 'int32' },
};

/** Format dtypes that exist but that Myelin has no way to hold (named in the error, not 'unknown'). */
const UNSUPPORTED = new Set(['F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F4', 'F6_E2M3', 'F6_E3M2', 'C64']);

/** The reference readers refuse headers above this size (100 MB). */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor as the header describes it. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** [begin, end) in the byte buffer that follows the header. */
  dataOffsets: [number, number];
  byteSize: number;
}

/** A validated header: entries in byte-buffer order, plus the free-form string metadata. */
export interface SafetensorsHeader {
  tensors: SafetensorsEntry[];
  metadata: Record<string, string>;
  /** N, the header's length in bytes (padding included); the byte buffer starts at 8 + N. */
  headerSize: number;
  /** Total size of the file or buffer: 8 + N + data bytes. */
  fileSize: number;
}

/** A quoted name for a one-line message: escapes newlines, cuts long (hostile) names. */
export function quote(name: string): string {
  const q = JSON.stringify(name);
  return q.length > 80 ? `${q.slice(0, 77)}..."` : q;
}

function fail(op: string, message: string): never {
  throw new SafetensorsError(`${op}: ${message}`);
}

/**
 * N from the first 8 bytes (little-endian u64), checked against the total size before the header
 * is read, so a lying length costs nothing.
 */
export function readHeaderLength(first8: Uint8Array, fileSize: number, op: string): number {
  if (fileSize < 8 || first8.length < 8) fail(op, `${fileSize} bytes is too short for a safetensors file (needs an 8-byte header length)`);
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  const n = hi * 2 ** 32 + lo;
  if (hi >= 2 ** 21 || n > MAX_HEADER_BYTES) fail(op, `header length ${hi >= 2 ** 21 ? '>= 2^53' : n} is above the ${MAX_HEADER_BYTES}-byte limit`);
  if (8 + n > fileSize) fail(op, `header length ${n} runs past the end of the ${fileSize}-byte file`);
  if (n < 2) fail(op, `header length ${n} is too short for a JSON object`);
  return n;
}

/** Validates the header bytes (after the 8-byte length) for a file of `fileSize` bytes. */
export function decodeHeader(headerBytes: Uint8Array, fileSize: number, op: string): SafetensorsHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    fail(op, 'header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(op, `header must start with '{', found ${quote(text.slice(0, 10))}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(op, `header is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(op, 'header is not a JSON object');
  const dup = duplicateKey(text);
  if (dup !== undefined) fail(op, `header has the key ${quote(dup)} twice`);

  const dataSize = fileSize - 8 - headerBytes.length;
  let metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') metadata = checkMetadata(value, op);
    else entries.push(checkEntry(name, value, op));
  }
  // NOTE: offsets must tile the buffer exactly: sorted by begin, each starts where the last ended
  entries.sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let end = 0;
  for (const e of entries) {
    const [b, f] = e.dataOffsets;
    if (b < end) fail(op, `tensor ${quote(e.name)} data [${b},${f}) overlaps the previous tensor, which ends at ${end}`);
    if (b > end) fail(op, `tensor ${quote(e.name)} data starts at ${b}, leaving bytes [${end},${b}) unused`);
    if (f > dataSize) fail(op, `tensor ${quote(e.name)} data [${b},${f}) runs past the ${dataSize}-byte buffer`);
    end = f;
  }
  if (end !== dataSize) fail(op, `tensors cover ${end} bytes but the buffer after the header holds ${dataSize}`);
  return { tensors: entries, metadata, headerSize: headerBytes.length, fileSize };
}

function checkMetadata(value: unknown, op: string): Record<string, string> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(op, '__metadata__ must be an object of strings');
  const pairs = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of pairs) {
    if (typeof v !== 'string') fail(op, `__metadata__ value of ${quote(k)} must be a string, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`);
  }
  // NOTE: fromEntries defines own properties, so a key named "__proto__" stays data
  return Object.fromEntries(pairs) as Record<string, string>;
}

function isSafeCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function checkEntry(name: string, value: unknown, op: string): SafetensorsEntry {
  const at = `tensor ${quote(name)}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(op, `${at}: entry must be an object {dtype, shape, data_offsets}`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string') fail(op, `${at}: dtype must be a string`);
  if (!Object.hasOwn(SAFETENSORS_DTYPES, dtype)) {
    fail(op, UNSUPPORTED.has(dtype) ? `${at}: dtype ${dtype} is not supported by Myelin` : `${at}: unknown dtype ${quote(dtype)}`);
  }
  const info = SAFETENSORS_DTYPES[dtype as SafetensorsDType];
  if (!Array.isArray(shape)) fail(op, `${at}: shape must be an array`);
  let numel = 1;
  for (const d of shape as unknown[]) {
    if (!isSafeCount(d)) fail(op, `${at}: shape [${(shape as unknown[]).map(String).join(',').slice(0, 80)}] must hold non-negative integers`);
    if (d !== 0 && numel > Number.MAX_SAFE_INTEGER / d) fail(op, `${at}: shape product overflows`);
    numel *= d;
  }
  if (numel > Number.MAX_SAFE_INTEGER / info.size) fail(op, `${at}: byte size overflows`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !isSafeCount(offsets[0]) || !isSafeCount(offsets[1])) {
    fail(op, `${at}: data_offsets must be [begin, end] with non-negative integers`);
  }
  const [b, e] = offsets as [number, number];
  if (e < b) fail(op, `${at}: data_offsets [${b},${e}] end before they begin`);
  const byteSize = numel * info.size;
  if (e - b !== byteSize) {
    fail(op, `${at}: ${dtype} shape [${(shape as number[]).join(',')}] needs ${byteSize} bytes but data_offsets [${b},${e}] hold ${e - b}`);
  }
  return { name, dtype: dtype as SafetensorsDType, shape: [...(shape as number[])], dataOffsets: [b, e], byteSize };
}

/**
 * The first key that occurs twice in one JSON object (after unescaping), at any depth.
 * JSON.parse keeps the last silently; a hostile file could use that to hide a tensor.
 * `json` must already be valid JSON.
 */
function duplicateKey(json: string): string | undefined {
  const stack: (Set<string> | null)[] = []; // one entry per open object (a Set) or array (null)
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x7b) stack.push(new Set());
    else if (c === 0x5b) stack.push(null);
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x22) {
      let j = i + 1;
      let isEscaped = false;
      while (json.charCodeAt(j) !== 0x22) {
        if (json.charCodeAt(j) === 0x5c) {
          isEscaped = true;
          j++;
        }
        j++;
      }
      const top = stack[stack.length - 1];
      let k = j + 1;
      while (k < n && (json[k] === ' ' || json[k] === '\n' || json[k] === '\r' || json[k] === '\t')) k++;
      if (top && json.charCodeAt(k) === 0x3a) {
        const key = isEscaped ? (JSON.parse(json.slice(i, j + 1)) as string) : json.slice(i + 1, j);
        if (top.has(key)) return key;
        top.add(key);
      }
      i = j;
    }
  }
  return undefined;
}
