/**
 * ne: a != b elementwise, a bool tensor. Composed of cmpEq and logicalNot; the operands broadcast and
 * are compared in their promoted dtype (PyTorch's rule): int32 vs 0.5 compares as float32.
 */
import { cmpEq, logicalNot } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a != b elementwise; NaN != NaN is true. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example ne(tensor([1, 2]), 2).toArray() // [true, false]
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('ne', a);
  checkOperand('ne', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('ne', a.shape, b.shape);
  return logicalNot(cmpEq(a, b));
}
