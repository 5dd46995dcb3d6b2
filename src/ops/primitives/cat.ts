import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { resultType } from '../../tensor/dtype.js';
import { normalizeDim } from '../../tensor/shape.js';
import { cast, empty, record } from '../primitive.js';
import { slice } from './slice.js';

/**
 * Joins tensors along an existing dim; all other dims must match. Dtypes promote.
 * @example cat([ones([2, 1]), zeros([2, 2])], 1).shape // [2, 3]
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new ArgumentError('cat: expected a non-empty list of tensors');
  const first = tensors[0]!;
  const d = normalizeDim('cat', dim, first.ndim);
  if (first.ndim === 0) throw new ShapeError('cat: zero-dimensional tensors cannot be concatenated; use stack');
  tensors.forEach((t, i) => {
    const ok = t.ndim === first.ndim && t.shape.every((s, j) => j === d || s === first.shape[j]);
    if (!ok) throw new ShapeError(`cat: tensor ${i} has shape ${fmtShape(t.shape)}, expected ${fmtShape(first.shape)} except at dim ${d}`);
  });
  const dt = resultType(tensors.map((t) => ({ dtype: t.dtype, kind: 'tensor' as const })));
  const xs = tensors.map((t) => cast(t, dt));
  const shape = first.shape.map((s, j) => (j === d ? xs.reduce((n, t) => n + t.shape[d]!, 0) : s));
  const out = empty(shape, dt);
  kernels().cat(xs, d, out);
  const sizes = xs.map((t) => t.shape[d]!);
  // each input gets its own slice of dy back
  return record('cat', xs, sizes, ({ dy, attrs }) => {
    let at = 0;
    return attrs.map((n) => slice(dy, d, at, (at += n)));
  }, out);
}
