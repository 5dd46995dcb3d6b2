import { ShapeError, fmtShape } from '../../errors.js';
import type { WindowParams } from '../../backend/kernel_types.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { empty, record } from '../primitive.js';
import { im2col, windowOut } from './im2col.js';

/**
 * Folds columns back into an image, summing overlaps: [N, C·kh·kw, L] -> [N,C,H,W]. The adjoint
 * of im2col (used by conv backward and convTranspose2d).
 */
export function col2im(cols: Tensor, p: WindowParams, hw: readonly [number, number]): Tensor {
  const [N, CK] = cols.shape as [number, number, number];
  const C = CK / (p.kernel[0] * p.kernel[1]);
  const L = windowOut(hw[0], p.kernel[0], p.stride[0], p.padding[0], p.dilation[0]) * windowOut(hw[1], p.kernel[1], p.stride[1], p.padding[1], p.dilation[1]);
  if (cols.ndim !== 3 || !Number.isInteger(C) || cols.shape[2] !== L) {
    throw new ShapeError(`col2im: expected [N, C·${p.kernel[0]}·${p.kernel[1]}, ${L}] columns for a ${hw[0]}x${hw[1]} image, got ${fmtShape(cols.shape)}`);
  }
  const out = empty([N, C, hw[0], hw[1]], cols.dtype);
  kernels().col2im(cols, p, out);
  // adjoint: read every column entry back from the image gradient
  return record('col2im', [cols], p, ({ dy, attrs }) => [im2col(dy, attrs, 0)], out);
}
