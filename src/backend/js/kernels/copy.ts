/** Reference kernels that move data without arithmetic: pad, cat, gather, scatter. */
import type { View } from '../../kernel_types.js';
import { copyInto, elementOffsets, sizeOf } from '../strided.js';

/** A sub-window of a view: same storage, shifted offset, smaller shape. */
function window(v: View, starts: readonly number[], shape: readonly number[]): View {
  let off = v.offset;
  starts.forEach((s, d) => (off += s * v.strides[d]!));
  return { data: v.data, shape, strides: v.strides, offset: off };
}

export function jsPad(x: View, pads: readonly (readonly [number, number])[], value: number, out: View): void {
  const n = sizeOf(out.shape);
  out.data.fill(value, out.offset, out.offset + n);
  copyInto(x, window(out, pads.map((p) => p[0]), x.shape));
}

export function jsCat(xs: readonly View[], dim: number, out: View): void {
  let at = 0;
  for (const x of xs) {
    const starts = out.shape.map((_, d) => (d === dim ? at : 0));
    copyInto(x, window(out, starts, x.shape));
    at += x.shape[dim]!;
  }
}

/** Offsets into `x` of every position of `like` (row-major), with the stride of `dim` zeroed. */
function baseOffsets(x: View, dim: number, like: readonly number[]): Int32Array {
  const strides = x.strides.map((s, d) => (d === dim ? 0 : s));
  return elementOffsets({ data: x.data, shape: like, strides, offset: x.offset });
}

export function jsGather(x: View, dim: number, index: View, out: View): void {
  const base = baseOffsets(x, dim, index.shape);
  const idx = elementOffsets(index);
  const sd = x.strides[dim]!;
  for (let i = 0; i < base.length; i++) out.data[out.offset + i] = x.data[base[i]! + index.data[idx[i]!]! * sd]!;
}

export function jsScatter(x: View, dim: number, index: View, src: View, accumulate: boolean, out: View): void {
  copyInto(x, out);
  const base = baseOffsets(out, dim, index.shape);
  const idx = elementOffsets(index);
  const srcShape = index.shape;
  const sp = elementOffsets({ data: src.data, shape: srcShape, strides: src.strides, offset: src.offset });
  const sd = out.strides[dim]!;
  const od = out.data;
  for (let i = 0; i < base.length; i++) {
    const q = base[i]! + index.data[idx[i]!]! * sd;
    if (accumulate) od[q] = od[q]! + src.data[sp[i]!]!;
    else od[q] = src.data[sp[i]!]!;
  }
}
