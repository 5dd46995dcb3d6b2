/**
 * Strided iteration helpers for the reference kernels. The pattern everywhere: walk all dims
 * but the last with a counter (rowStarts), then run a tight loop over the last dim with its stride.
 */
import type { View } from '../kernel_types.js';

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** True when v's elements are row-major and gap-free from v.offset. */
export function isContig(v: View): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    const s = v.shape[i]!;
    if (s !== 1 && v.strides[i] !== expected) return false;
    expected *= s;
  }
  return true;
}

/** Storage offset of the first element of every row (all dims but the last), row-major order. */
export function rowStarts(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const nd = shape.length;
  if (nd <= 1) return Int32Array.of(offset);
  let rows = 1;
  for (let d = 0; d < nd - 1; d++) rows *= shape[d]!;
  const out = new Int32Array(rows);
  if (rows === 0) return out;
  const idx = new Int32Array(nd - 1);
  let pos = offset;
  for (let r = 0; r < rows; r++) {
    out[r] = pos;
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      pos += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      pos -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** Storage offset of every element of v, row-major order. */
export function elementOffsets(v: View): Int32Array {
  const nd = v.shape.length;
  const n = sizeOf(v.shape);
  const out = new Int32Array(n);
  if (n === 0) return out;
  const last = nd === 0 ? 1 : v.shape[nd - 1]!;
  const ls = nd === 0 ? 0 : v.strides[nd - 1]!;
  const rows = rowStarts(v.shape, v.strides, v.offset);
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    let p = rows[r]!;
    for (let j = 0; j < last; j++, p += ls) out[k++] = p;
  }
  return out;
}

/** Moves `dim` to the end of a view's shape and strides (metadata only). */
export function moveDimLast(v: View, dim: number): View {
  const shape = [...v.shape];
  const strides = [...v.strides];
  const [s] = shape.splice(dim, 1);
  const [st] = strides.splice(dim, 1);
  shape.push(s!);
  strides.push(st!);
  return { data: v.data, shape, strides, offset: v.offset };
}

/** Copies src into dst element by element (same shape, any strides); stores convert by dtype. */
export function copyInto(src: View, dst: View, toBool = false): void {
  const n = sizeOf(dst.shape);
  if (n === 0) return;
  const sd = src.data;
  const dd = dst.data;
  if (isContig(src) && isContig(dst) && !toBool) {
    const so = src.offset;
    const doff = dst.offset;
    if (sd.constructor === dd.constructor) {
      (dd as Float64Array).set((sd as Float64Array).subarray(so, so + n), doff);
    } else {
      for (let i = 0; i < n; i++) dd[doff + i] = sd[so + i]!;
    }
    return;
  }
  const nd = dst.shape.length;
  const last = nd === 0 ? 1 : dst.shape[nd - 1]!;
  const sls = nd === 0 ? 0 : src.strides[nd - 1]!;
  const dls = nd === 0 ? 0 : dst.strides[nd - 1]!;
  const sr = rowStarts(src.shape, src.strides, src.offset);
  const dr = rowStarts(dst.shape, dst.strides, dst.offset);
  for (let r = 0; r < sr.length; r++) {
    let p = sr[r]!;
    let q = dr[r]!;
    if (toBool) for (let j = 0; j < last; j++, p += sls, q += dls) dd[q] = sd[p] !== 0 ? 1 : 0;
    else for (let j = 0; j < last; j++, p += sls, q += dls) dd[q] = sd[p]!;
  }
}
