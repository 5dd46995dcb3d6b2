/** oneHot: F.one_hot, class indices to one-hot rows. Not differentiable (integer in, integer out). */
import { ArgumentError, DTypeError, IndexError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { arange } from '../../../tensor/create.js';
import { cast } from '../../primitive.js';
import { cmpEq } from '../../primitives/cmp_eq.js';
import { unsqueeze } from './unsqueeze.js';

/**
 * One-hot encodes int32 class indices: out[..., c] = 1 where indices[...] == c, else 0.
 * numClasses = -1 uses max(indices) + 1. Output is int32 (PyTorch returns int64).
 * indices: (...) int32 -> (..., numClasses) int32.
 * @example oneHot(tensor([0, 2], { dtype: 'int32' }), 3).toArray() // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  if (indices.dtype !== 'int32') throw new DTypeError(`oneHot: indices must be int32, got ${indices.dtype} ${fmtShape(indices.shape)}`);
  if (!Number.isInteger(numClasses) || numClasses < -1) {
    throw new ArgumentError(`oneHot: numClasses must be -1 or a non-negative integer, got ${numClasses}`);
  }
  const values = indices.toTypedArray();
  let max = -1;
  for (const v of values) {
    if (v < 0) throw new IndexError(`oneHot: class values must be non-negative, got ${v} in indices ${fmtShape(indices.shape)}`);
    if (v > max) max = v;
  }
  if (numClasses === -1) {
    if (values.length === 0) throw new ArgumentError(`oneHot: cannot infer numClasses from empty indices ${fmtShape(indices.shape)}`);
    numClasses = max + 1;
  } else if (max >= numClasses) {
    throw new IndexError(`oneHot: class value ${max} is out of range for numClasses ${numClasses} (indices ${fmtShape(indices.shape)})`);
  }
  return cast(cmpEq(unsqueeze(indices, -1), arange(numClasses)), 'int32');
}
