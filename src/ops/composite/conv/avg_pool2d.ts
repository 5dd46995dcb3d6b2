/**
 * 2-d average pooling over NCHW: im2col with zero padding, a sum over each window, then one
 * division, by a constant or by a per-window count tensor (computed with the same im2col over a
 * mask) when padding is excluded or ceil mode adds partial windows.
 */
import { ArgumentError, DTypeError, fmtShape } from '../../../errors.js';
import type { WindowParams } from '../../../backend/kernel_types.js';
import { ones } from '../../../tensor/create.js';
import { isFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { div } from '../../primitives/div.js';
import { im2col } from '../../primitives/im2col.js';
import { reshape } from '../../primitives/reshape.js';
import { sum } from '../../primitives/sum.js';
import { type Pair, padBottomRight, toBatched } from './conv_options.js';
import { poolGeometry, poolParams } from './max_pool2d.js';

/** Options of avgPool2d (PyTorch's names and defaults). */
export interface AvgPool2dOptions {
  /** Window step (default: kernelSize). */
  stride?: Pair;
  /** Implicit zero padding on each side, at most half the kernel (default 0). */
  padding?: Pair;
  /** Round the output size up, adding a partial window at the end when it starts inside the input (default false). */
  ceilMode?: boolean;
  /** Count the padding cells in the divisor (default true, like PyTorch). */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead of the window size. */
  divisorOverride?: number;
}

/**
 * 2-d average pooling: the mean of each window.
 * @param x input [N, C, H, W] (or unbatched [C, H, W])
 * @param kernelSize window size, one value or [kh, kw]
 * @returns [N, C, oh, ow] with oh = floor((H + 2·ph − kh) / sh) + 1 (ceil in ceil mode)
 * @example avgPool2d(tensor([[[[1, 2], [3, 4]]]]), 2).toArray() // [[[[2.5]]]]
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, opts: AvgPool2dOptions = {}): Tensor {
  const p = poolParams('avgPool2d', kernelSize, opts.stride, opts.padding, 1, false);
  const [xb, unbatch] = toBatched('avgPool2d', x, 2);
  return unbatch(avgPoolCore('avgPool2d', `input ${fmtShape(x.shape)}`, xb, p, opts));
}

/**
 * Average pooling of a batched [N,C,H,W] input with parsed window params; `op` and `what` (the
 * caller's shapes) go into error messages, so avgPool1d reports its own name.
 */
export function avgPoolCore(op: string, what: string, x: Tensor, p: WindowParams, opts: AvgPool2dOptions): Tensor {
  if (x.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported; cast first`);
  const d = opts.divisorOverride;
  if (d !== undefined && (!Number.isFinite(d) || d === 0)) throw new ArgumentError(`${op}: divisorOverride must be a non-zero number, got ${d}`);
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const { out, extra } = poolGeometry(op, what, [H, W], p, opts.ceilMode ?? false);
  const K = p.kernel[0] * p.kernel[1];
  const L = out[0] * out[1];
  const sums = sum(reshape(im2col(padBottomRight(x, extra, 0), p, 0), [N, C, K, L]), 2);
  const includePad = opts.countIncludePad ?? true;
  const divisor = d ?? (includePad && extra[0] === 0 && extra[1] === 0 ? K : windowCounts([H, W], p, extra, includePad, x));
  return reshape(div(sums, divisor), [N, C, out[0], out[1]]);
}

/**
 * How many cells each window averages over, [L]: PyTorch counts the padding (when included) but
 * never the cells past it that ceil mode's last window hangs over.
 */
function windowCounts(hw: readonly [number, number], p: WindowParams, extra: readonly [number, number], includePad: boolean, x: Tensor): Tensor {
  const dtype = isFloating(x.dtype) ? x.dtype : 'float32';
  const [ph, pw] = p.padding;
  const mask = includePad ? ones([1, 1, hw[0] + 2 * ph, hw[1] + 2 * pw], { dtype }) : ones([1, 1, hw[0], hw[1]], { dtype });
  const q: WindowParams = includePad ? { ...p, padding: [0, 0] } : p;
  return reshape(sum(im2col(padBottomRight(mask, extra, 0), q, 0), 1), [-1]);
}
