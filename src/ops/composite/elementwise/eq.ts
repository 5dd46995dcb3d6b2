/**
 * eq: a == b elementwise, a bool tensor. Composed of cmpEq; the operands broadcast and are
 * compared in their promoted dtype (PyTorch's rule), so int32 vs 0.5 compares as float32.
 */
import { cmpEq } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a == b elementwise; NaN == NaN is false. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example eq(tensor([1, 2]), 2).toArray() // [false, true]
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('eq', a);
  checkOperand('eq', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('eq', a.shape, b.shape);
  return cmpEq(a, b);
}
