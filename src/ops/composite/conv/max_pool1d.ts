/** 1-d max pooling over NCL: maxPool2d's core over a height-1 image with [1, k] windows. */
import { fmtShape } from '../../../errors.js';
import { Tensor } from '../../../tensor/tensor.js';
import { addHeight, dropHeight, single, toBatched } from './conv_options.js';
import { type MaxPoolResult, maxPoolCore, poolParams } from './max_pool2d.js';

/** Options of maxPool1d (PyTorch's names and defaults). */
export interface MaxPool1dOptions {
  /** Window step (default: kernelSize). */
  stride?: number;
  /** Implicit -inf padding on each side, at most half the (dilated) kernel (default 0). */
  padding?: number;
  /** Spacing between window taps (default 1). */
  dilation?: number;
  /** Round the output length up (default false). */
  ceilMode?: boolean;
  /** Also return the argmax positions (default false). */
  returnIndices?: boolean;
}

/**
 * 1-d max pooling: the largest value of each (dilated) window along the last dim.
 * @param x input [N, C, L] (or unbatched [C, L])
 * @returns [N, C, L_out]; with `returnIndices`, `{ values, indices }` (int32 positions in L)
 * @example maxPool1d(tensor([[[1, 3, 2, 5]]]), 2).toArray() // [[[3, 5]]]
 */
export function maxPool1d(x: Tensor, kernelSize: number, opts?: MaxPool1dOptions & { returnIndices?: false }): Tensor;
export function maxPool1d(x: Tensor, kernelSize: number, opts: MaxPool1dOptions & { returnIndices: true }): MaxPoolResult;
export function maxPool1d(x: Tensor, kernelSize: number, opts: MaxPool1dOptions = {}): Tensor | MaxPoolResult {
  const op = 'maxPool1d';
  const k = single(op, 'kernelSize', kernelSize, 1);
  const p = poolParams(op, [1, k], [1, single(op, 'stride', opts.stride ?? k, 1)], [0, single(op, 'padding', opts.padding ?? 0, 0)],
    [1, single(op, 'dilation', opts.dilation ?? 1, 1)], true);
  const [xb, unbatch] = toBatched(op, x, 1);
  const r = maxPoolCore(op, `input ${fmtShape(x.shape)}`, addHeight(xb), p, opts);
  const back = (t: Tensor): Tensor => unbatch(dropHeight(t));
  return r instanceof Tensor ? back(r) : { values: back(r.values), indices: back(r.indices) };
}
