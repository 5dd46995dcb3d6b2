/**
 * gt: a > b elementwise, a bool tensor. Composed of cmpLt; the operands broadcast and are
 * compared in their promoted dtype (PyTorch's rule), so int32 vs 0.5 compares as float32.
 */
import { cmpLt } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a > b elementwise; any comparison with NaN is false. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example gt(tensor([1, 3]), 2).toArray() // [false, true]
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('gt', a);
  checkOperand('gt', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('gt', a.shape, b.shape);
  return cmpLt(b, a);
}
