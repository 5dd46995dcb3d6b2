import { DTypeError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import { Tensor } from '../../tensor/tensor.js';
import { broadcastShapes } from '../../tensor/shape.js';
import { broadcastView, empty, prepareOperands, record, type TensorLike } from '../primitive.js';

/**
 * Elementwise select: out = cond ? a : b, all three broadcast together. `cond` must be bool.
 * @example where(cmpLt(tensor([-1, 2]), 0), 0, tensor([-1, 2])).toArray() // [0, 2]
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== 'bool') throw new DTypeError(`where: condition must be bool, got ${cond.dtype} ${fmtShape(cond.shape)}`);
  const [ta, tb, dt] = prepareOperands('where', a, b, 'promote');
  const shape = broadcastShapes('where', broadcastShapes('where', cond.shape, ta.shape), tb.shape);
  const out = empty(shape, dt);
  kernels().where(broadcastView(cond, shape), broadcastView(ta, shape), broadcastView(tb, shape), out);
  // d/da = cond, d/db = not cond
  return record('where', [cond, ta, tb], null, ({ dy, inputs: [c] }) => [null, where(c!, dy, 0), where(c!, 0, dy)], out);
}
