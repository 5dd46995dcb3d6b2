/**
 * Reference reductions. sum/prod/amax walk x in its own memory order and accumulate into a
 * float64 buffer indexed through out's strides with reduced dims set to 0; argmax and cumsum
 * move the dim last and scan rows.
 */
import type { ReduceKernel, View } from '../../kernel_types.js';
import { moveDimLast, rowStarts, sizeOf } from '../strided.js';

function makeReduce(init: number, step: (acc: number, v: number) => number): ReduceKernel {
  return (x, dims, out) => {
    const m = sizeOf(out.shape);
    const acc = new Float64Array(m).fill(init);
    const n = sizeOf(x.shape);
    if (n > 0) {
      // Index into acc (contiguous keepDim layout) with stride 0 along the reduced dims.
      const accStrides: number[] = [];
      let s = 1;
      for (let d = x.shape.length - 1; d >= 0; d--) {
        accStrides[d] = dims.includes(d) ? 0 : s;
        s *= out.shape[d]!;
      }
      const nd = x.shape.length;
      const last = nd === 0 ? 1 : x.shape[nd - 1]!;
      const xls = nd === 0 ? 0 : x.strides[nd - 1]!;
      const als = nd === 0 ? 0 : accStrides[nd - 1]!;
      const xr = rowStarts(x.shape, x.strides, x.offset);
      const ar = rowStarts(x.shape, accStrides, 0);
      const xd = x.data;
      for (let r = 0; r < xr.length; r++) {
        let p = xr[r]!;
        let q = ar[r]!;
        if (als === 0) {
          let a = acc[q]!;
          for (let j = 0; j < last; j++, p += xls) a = step(a, xd[p]!);
          acc[q] = a;
        } else {
          for (let j = 0; j < last; j++, p += xls, q += als) acc[q] = step(acc[q]!, xd[p]!);
        }
      }
    }
    const od = out.data;
    for (let i = 0; i < m; i++) od[out.offset + i] = acc[i]!;
  };
}

export const jsSum = makeReduce(0, (a, v) => a + v);
export const jsProd = makeReduce(1, (a, v) => a * v);
// NOTE: NaN wins (PyTorch propagates NaN through max): once acc is NaN no comparison replaces it.
export const jsAmax = makeReduce(-Infinity, (a, v) => (v > a || v !== v ? (a !== a ? a : v) : a));

export function jsArgmax(x: View, dim: number, out: View): void {
  const v = moveDimLast(x, dim);
  const len = v.shape[v.shape.length - 1]!;
  const st = v.strides[v.strides.length - 1]!;
  const rows = rowStarts(v.shape, v.strides, v.offset);
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < rows.length; r++) {
    let p = rows[r]!;
    let best = xd[p]!;
    let bi = 0;
    for (let j = 1; j < len; j++) {
      p += st;
      const e = xd[p]!;
      if (best !== best) break;
      if (e > best || e !== e) {
        best = e;
        bi = j;
      }
    }
    od[out.offset + r] = bi;
  }
}

export function jsCumsum(x: View, dim: number, out: View): void {
  if (sizeOf(x.shape) === 0) return;
  const v = moveDimLast(x, dim);
  const o = moveDimLast(out, dim);
  const len = v.shape[v.shape.length - 1]!;
  const xs = v.strides[v.strides.length - 1]!;
  const os = o.strides[o.strides.length - 1]!;
  const xr = rowStarts(v.shape, v.strides, v.offset);
  const or = rowStarts(o.shape, o.strides, o.offset);
  for (let r = 0; r < xr.length; r++) {
    let p = xr[r]!;
    let q = or[r]!;
    let acc = 0;
    for (let j = 0; j < len; j++, p += xs, q += os) {
      acc += x.data[p]!;
      out.data[q] = acc;
    }
  }
}
