/**
 * logicalXor: true where exactly one operand is truthy (non-zero; NaN counts as true, as in
 * PyTorch). Composed of logicalNot and cmpEq; any dtypes, bool output.
 */
import { cmpEq, logicalNot } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * (a != 0) xor (b != 0) elementwise. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example logicalXor(tensor([0, 1, 2]), tensor([0, 0, 3])).toArray() // [false, true, false]
 */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('logicalXor', a);
  checkOperand('logicalXor', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('logicalXor', a.shape, b.shape);
  // truthiness differs exactly when the negations differ
  return logicalNot(cmpEq(logicalNot(a), logicalNot(b)));
}
