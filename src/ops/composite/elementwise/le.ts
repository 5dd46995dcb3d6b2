/**
 * le: a <= b elementwise, a bool tensor. Composed of cmpLe; the operands broadcast and are
 * compared in their promoted dtype (PyTorch's rule), so int32 vs 0.5 compares as float32.
 */
import { cmpLe } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a <= b elementwise; any comparison with NaN is false. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example le(tensor([1, 3]), 2).toArray() // [true, false]
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('le', a);
  checkOperand('le', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('le', a.shape, b.shape);
  return cmpLe(a, b);
}
