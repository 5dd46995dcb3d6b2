import { ArgumentError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { empty, record } from '../primitive.js';
import { slice } from './slice.js';

/**
 * Pads every dim d with pads[d] = [before, after] copies of `value`. Negative entries crop.
 * The PyTorch-style `pad(x, [left, right, top, bottom, …], mode)` is built on this.
 */
export function padConstant(x: Tensor, pads: readonly (readonly [number, number])[], value: number): Tensor {
  if (pads.length !== x.ndim) throw new ArgumentError(`pad: got ${pads.length} pad pairs for a ${x.ndim}-d tensor ${fmtShape(x.shape)}`);
  if (!pads.every((p) => p.length === 2 && p.every(Number.isInteger))) throw new ArgumentError(`pad: pads must be [before, after] integer pairs, got ${JSON.stringify(pads)}`);
  if (!Number.isFinite(value) && !Number.isNaN(value) && x.dtype === 'int32') {
    throw new ArgumentError(`pad: value ${value} cannot be stored in an int32 tensor`);
  }
  pads.forEach(([b, a], d) => {
    if (Math.max(0, -b) + Math.max(0, -a) > x.shape[d]!) throw new ArgumentError(`pad: padding ${JSON.stringify(pads)} leaves a negative size for ${fmtShape(x.shape)}`);
  });
  // crop first (negative pads), then pad with what is left
  let src = x;
  pads.forEach(([b, a], d) => {
    if (b < 0 || a < 0) src = slice(src, d, Math.max(0, -b), src.shape[d]! - Math.max(0, -a));
  });
  const pos = pads.map(([b, a]) => [Math.max(0, b), Math.max(0, a)] as const);
  if (pos.every(([b, a]) => b === 0 && a === 0)) return src;
  const shape = src.shape.map((s, d) => s + pos[d]![0] + pos[d]![1]);
  const out = empty(shape, src.dtype);
  kernels().pad(src, pos, value, out);
  // the gradient is the un-padded window of dy
  return record('pad', [src], pos, ({ dy, attrs }) => {
    let g = dy;
    attrs.forEach(([b], d) => (g = slice(g, d, b, b + (g.shape[d]! - attrs[d]![0] - attrs[d]![1]))));
    return [g];
  }, out);
}
