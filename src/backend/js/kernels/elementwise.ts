/** Reference elementwise kernels, built from each primitive's scalar formula. */
import type { BinaryKernel, UnaryKernel, View } from '../../kernel_types.js';
import { copyInto, isContig, rowStarts, sizeOf } from '../strided.js';

export function makeUnary(f: (x: number) => number): UnaryKernel {
  return (x, out) => {
    const n = sizeOf(out.shape);
    if (n === 0) return;
    const xd = x.data;
    const od = out.data;
    let o = out.offset;
    if (isContig(x)) {
      const xo = x.offset;
      for (let i = 0; i < n; i++) od[o + i] = f(xd[xo + i]!);
      return;
    }
    const nd = x.shape.length;
    const last = x.shape[nd - 1]!;
    const ls = x.strides[nd - 1]!;
    const rows = rowStarts(x.shape, x.strides, x.offset);
    for (let r = 0; r < rows.length; r++) {
      let p = rows[r]!;
      for (let j = 0; j < last; j++, p += ls) od[o++] = f(xd[p]!);
    }
  };
}

export function makeBinary(f: (a: number, b: number) => number): BinaryKernel {
  return (a, b, out) => {
    const n = sizeOf(out.shape);
    if (n === 0) return;
    const ad = a.data;
    const bd = b.data;
    const od = out.data;
    let o = out.offset;
    const nd = out.shape.length;
    const ac = isContig(a);
    const bc = isContig(b);
    if (ac && bc) {
      const ao = a.offset;
      const bo = b.offset;
      for (let i = 0; i < n; i++) od[o + i] = f(ad[ao + i]!, bd[bo + i]!);
      return;
    }
    if (ac && b.strides.every((s) => s === 0)) {
      const ao = a.offset;
      const bv = bd[b.offset]!;
      for (let i = 0; i < n; i++) od[o + i] = f(ad[ao + i]!, bv);
      return;
    }
    const last = out.shape[nd - 1]!;
    const als = a.strides[nd - 1]!;
    const bls = b.strides[nd - 1]!;
    const ar = rowStarts(a.shape, a.strides, a.offset);
    const br = rowStarts(b.shape, b.strides, b.offset);
    for (let r = 0; r < ar.length; r++) {
      let p = ar[r]!;
      let q = br[r]!;
      for (let j = 0; j < last; j++, p += als, q += bls) od[o++] = f(ad[p]!, bd[q]!);
    }
  };
}

export function jsWhere(c: View, a: View, b: View, out: View): void {
  const n = sizeOf(out.shape);
  if (n === 0) return;
  const nd = out.shape.length;
  const last = nd === 0 ? 1 : out.shape[nd - 1]!;
  const ls = (v: View): number => (nd === 0 ? 0 : v.strides[nd - 1]!);
  const cr = rowStarts(c.shape, c.strides, c.offset);
  const ar = rowStarts(a.shape, a.strides, a.offset);
  const br = rowStarts(b.shape, b.strides, b.offset);
  const [cls, als, bls] = [ls(c), ls(a), ls(b)];
  const od = out.data;
  let o = out.offset;
  for (let r = 0; r < cr.length; r++) {
    let pc = cr[r]!;
    let pa = ar[r]!;
    let pb = br[r]!;
    for (let j = 0; j < last; j++, pc += cls, pa += als, pb += bls) od[o++] = c.data[pc] ? a.data[pa]! : b.data[pb]!;
  }
}

/** Dtype conversion: stores convert (float -> int32 truncates toward zero); to bool means x != 0. */
export const jsCast: UnaryKernel = (x, out) => copyInto(x, out, out.data instanceof Uint8Array);
