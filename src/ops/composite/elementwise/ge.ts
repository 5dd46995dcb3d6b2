/**
 * ge: a >= b elementwise, a bool tensor. Composed of cmpLe; the operands broadcast and are
 * compared in their promoted dtype (PyTorch's rule), so int32 vs 0.5 compares as float32.
 */
import { cmpLe } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a >= b elementwise; any comparison with NaN is false. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example ge(tensor([1, 2]), 2).toArray() // [false, true]
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('ge', a);
  checkOperand('ge', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('ge', a.shape, b.shape);
  return cmpLe(b, a);
}
