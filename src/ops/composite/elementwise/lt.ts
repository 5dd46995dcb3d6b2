/**
 * lt: a < b elementwise, a bool tensor. Composed of cmpLt; the operands broadcast and are
 * compared in their promoted dtype (PyTorch's rule), so int32 vs 0.5 compares as float32.
 */
import { cmpLt } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { broadcastShapes } from '../../../tensor/shape.js';
import { checkOperand, type TensorLike } from '../../primitive.js';

/**
 * a < b elementwise; any comparison with NaN is false. a, b: tensors or numbers, broadcast together -> bool tensor.
 * @example lt(tensor([1, 2]), 2).toArray() // [true, false]
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  checkOperand('lt', a);
  checkOperand('lt', b);
  if (a instanceof Tensor && b instanceof Tensor) broadcastShapes('lt', a.shape, b.shape);
  return cmpLt(a, b);
}
