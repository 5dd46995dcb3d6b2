import { DTypeError, ShapeError, fmtShape } from '../../errors.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { promoteTypes } from '../../tensor/dtype.js';
import { cast, empty, record } from '../primitive.js';
import { transpose } from './permute.js';

/**
 * Batched matrix product of 3-d tensors: [B,M,K] @ [B,K,N] -> [B,M,N]. Operands may be any
 * strided views (transposed, batch-expanded): the kernel reads them without a copy when it can.
 * @example bmm(ones([2, 3, 4]), ones([2, 4, 5])).shape // [2, 3, 5]
 */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3) throw new ShapeError(`bmm: expected 3-d tensors, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new ShapeError(`bmm: shapes do not fit: ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}`);
  }
  if (a.dtype === 'bool' || b.dtype === 'bool') throw new DTypeError(`bmm: bool tensors are not supported (${a.dtype} @ ${b.dtype})`);
  const dt = promoteTypes(a.dtype, b.dtype);
  const [x, w] = [cast(a, dt), cast(b, dt)];
  const out = empty([a.shape[0]!, a.shape[1]!, b.shape[2]!], dt);
  kernels().matmul(x, w, out);
  // dA = dY·Bᵀ, dB = Aᵀ·dY (transposes are views)
  return record('matmul', [x, w], null, ({ dy, inputs: [ai, bi] }) => [bmm(dy, transpose(bi!, 1, 2)), bmm(transpose(ai!, 1, 2), dy)], out);
}
