import { ShapeError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { empty, record, scalar, cast } from '../primitive.js';
import { expand } from './expand.js';
import { gather, checkIndex } from './gather.js';
import { padConstant } from './pad_constant.js';
import { reshape } from './reshape.js';

/**
 * A copy of x with src written at `index` along `dim`: out[index[i][j]][j] = src[i][j] (dim 0).
 * With reduce 'add', values add up instead (scatterAdd). src may be a number.
 * @example scatter(zeros([3]), 0, tensor([2, 0], { dtype: 'int32' }), tensor([5, 6])).toArray() // [6, 0, 5]
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number, reduce?: 'add'): Tensor {
  const d = normalizeDim('scatter', dim, x.ndim);
  const s = src instanceof Tensor ? cast(src, x.dtype) : expand(scalar(src, x.dtype), index.shape);
  const op = reduce ? 'scatterAdd' : 'scatter';
  checkIndex(op, x, d, index, x.shape);
  if (s.ndim !== index.ndim || index.shape.some((v, j) => v > s.shape[j]!)) {
    throw new ShapeError(`${op}: index ${fmtShape(index.shape)} is larger than src ${fmtShape(s.shape)}`);
  }
  if (x.ndim === 0) return reshape(scatter(reshape(x, [1]), 0, reshape(index, [1]), reshape(s, [1]), reduce), []);
  const out = empty(x.shape, x.dtype);
  const accumulate = reduce === 'add';
  kernels().scatter(x, d, index, s, accumulate, out);
  return record('scatter', [x, index, s], d, ({ dy, inputs: [, idx, si], attrs }) => {
    // x keeps dy except where it was overwritten; src gets dy from where it landed
    const dx = accumulate ? dy : scatter(dy, attrs, idx!, 0);
    const ds = gather(dy, attrs, idx!);
    const grow = si!.shape.map((v, j) => [0, v - ds.shape[j]!] as [number, number]);
    return [dx, null, padConstant(ds, grow, 0)];
  }, out);
}

/** scatter(x, dim, index, src, 'add'): adds src into x at index (repeats accumulate). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatter(x, dim, index, src, 'add');
}
