/** 1-d average pooling over NCL: avgPool2d's core over a height-1 image with [1, k] windows. */
import { fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { addHeight, dropHeight, single, toBatched } from './conv_options.js';
import { type AvgPool2dOptions, avgPoolCore } from './avg_pool2d.js';
import { poolParams } from './max_pool2d.js';

/** Options of avgPool1d (PyTorch's names and defaults). */
export interface AvgPool1dOptions {
  /** Window step (default: kernelSize). */
  stride?: number;
  /** Implicit zero padding on each side, at most half the kernel (default 0). */
  padding?: number;
  /** Round the output length up (default false). */
  ceilMode?: boolean;
  /** Count the padding cells in the divisor (default true). */
  countIncludePad?: boolean;
}

/**
 * 1-d average pooling: the mean of each window along the last dim.
 * @param x input [N, C, L] (or unbatched [C, L])
 * @returns [N, C, L_out] with L_out = floor((L + 2p − k) / s) + 1 (ceil in ceil mode)
 * @example avgPool1d(tensor([[[1, 3, 2, 6]]]), 2).toArray() // [[[2, 4]]]
 */
export function avgPool1d(x: Tensor, kernelSize: number, opts: AvgPool1dOptions = {}): Tensor {
  const op = 'avgPool1d';
  const k = single(op, 'kernelSize', kernelSize, 1);
  const p = poolParams(op, [1, k], [1, single(op, 'stride', opts.stride ?? k, 1)], [0, single(op, 'padding', opts.padding ?? 0, 0)], 1, false);
  const [xb, unbatch] = toBatched(op, x, 1);
  const o: AvgPool2dOptions = { ceilMode: opts.ceilMode ?? false, countIncludePad: opts.countIncludePad ?? true };
  return unbatch(dropHeight(avgPoolCore(op, `input ${fmtShape(x.shape)}`, addHeight(xb), p, o)));
}
