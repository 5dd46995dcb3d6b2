/**
 * relu: max(x, 0), composed of cmpLe and where. Int32 stays int32 (PyTorch does the same); bool
 * is refused, as in PyTorch.
 */
import { ArgumentError, DTypeError, fmtShape } from '../../../errors.js';
import { fusedKernels, isDense, unfilled } from '../../../backend/native/fused.js';
import { cmpLe, where } from '../../primitives/index.js';
import { Tensor } from '../../../tensor/tensor.js';
import { dense, needsGraph } from '../../fused.js';
import { record } from '../../primitive.js';

/**
 * y = max(x, 0) elementwise; NaN stays NaN. x: any shape -> y: same shape and dtype.
 * @example relu(tensor([-1, 0, 2])).toArray() // [0, 0, 2]
 */
export function relu(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`relu: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.dtype === 'bool') throw new DTypeError(`relu: bool tensors are not supported, got bool ${fmtShape(x.shape)}; cast to int32 or float first`);
  // NOTE: x <= 0 selects 0, so NaN (which compares false) passes through, the gradient at 0 is 0
  // (PyTorch's subgradient) and relu(−0) is +0 (PyTorch keeps −0; the values are equal).
  const f = fusedKernels();
  if (f && (x.dtype === 'float32' || x.dtype === 'float64') && isDense(x)) {
    // fused native path: one pass forward, one backward (the composite's exact values)
    type FA = Float32Array | Float64Array;
    const y = new Tensor(unfilled(x.shape, x.dtype), [...x.shape], x.dtype); // fully overwritten: no zero-fill
    f.reluForward(x.data as FA, y.data as FA);
    return record('relu', [x], null, ({ dy, inputs: [xi] }) => {
      if (needsGraph()) return [where(cmpLe(xi!, 0), 0, dy)];
      const dx = new Tensor(unfilled(xi!.shape, xi!.dtype as 'float32' | 'float64'), [...xi!.shape], xi!.dtype);
      f.reluBackward(xi!.data as FA, dense(dy).data as FA, dx.data as FA);
      return [dx];
    }, y);
  }
  return where(cmpLe(x, 0), 0, x);
}
