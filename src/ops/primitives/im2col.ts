import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import type { WindowParams } from '../../backend/kernel_types.js';
import { kernels } from '../../backend/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { empty, record } from '../primitive.js';
import { col2im } from './col2im.js';

/** Output spatial size of a sliding window (PyTorch's formula, floor mode). */
export function windowOut(size: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/**
 * Unfolds sliding windows of an NCHW tensor into columns: [N,C,H,W] -> [N, C·kh·kw, oh·ow].
 * Padded cells read `padValue` (0 for conv, -inf for max pooling). Conv and pooling are built on it.
 */
export function im2col(x: Tensor, p: WindowParams, padValue = 0): Tensor {
  if (x.ndim !== 4) throw new ShapeError(`im2col: expected a 4-d [N,C,H,W] input, got ${fmtShape(x.shape)}`);
  const params = [...p.kernel, ...p.stride, ...p.dilation];
  if (!params.every((v) => Number.isInteger(v) && v >= 1) || !p.padding.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new ArgumentError(`im2col: kernel, stride and dilation must be positive integers and padding non-negative, got ${JSON.stringify(p)}`);
  }
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const oh = windowOut(H, p.kernel[0], p.stride[0], p.padding[0], p.dilation[0]);
  const ow = windowOut(W, p.kernel[1], p.stride[1], p.padding[1], p.dilation[1]);
  if (oh < 1 || ow < 1) throw new ShapeError(`im2col: kernel ${fmtShape(p.kernel)} (dilation ${fmtShape(p.dilation)}) is larger than the padded input ${fmtShape(x.shape)}`);
  const out = empty([N, C * p.kernel[0] * p.kernel[1], oh * ow], x.dtype);
  kernels().im2col(x, p, padValue, out);
  // adjoint: every column entry flows back to the pixel it was read from
  return record('im2col', [x], { p, hw: [H, W] as const }, ({ dy, attrs }) => [col2im(dy, attrs.p, attrs.hw)], out);
}
