/**
 * 1-d convolution over NCL, run as conv2d over a height-1 image (kernel [1, k]). Nothing of its
 * own beyond the reshapes.
 */
import { ShapeError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { reshape } from '../../primitives/reshape.js';
import { addHeight, dropHeight, single, toBatched } from './conv_options.js';
import { convCore } from './conv2d.js';

/** Options of conv1d (PyTorch's names and defaults). */
export interface Conv1dOptions {
  /** Window step (default 1). */
  stride?: number;
  /** Zero padding on each side (default 0); 'same' (stride 1 only, odd extra on the right) or 'valid'. */
  padding?: number | 'same' | 'valid';
  /** Spacing between kernel taps (default 1). */
  dilation?: number;
  /** Split channels into this many independent groups (default 1). */
  groups?: number;
}

/**
 * 1-d convolution (cross-correlation): out[n,o,t] = bias[o] + Σ_c Σ_i weight[o,c,i] · x[n, c, s·t + d·i − p].
 * @param x input [N, C, L] (or unbatched [C, L])
 * @param weight [O, C/groups, k]
 * @param bias optional [O]
 * @returns [N, O, L_out] with L_out = floor((L + 2p − d·(k − 1) − 1) / s) + 1
 * @example conv1d(ones([2, 3, 10]), ones([4, 3, 3]), null, { padding: 'same' }).shape // [2, 4, 10]
 */
export function conv1d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv1dOptions = {}): Tensor {
  const op = 'conv1d';
  const what = `input ${fmtShape(x.shape)}, weight ${fmtShape(weight.shape)}`;
  if (x.ndim !== 2 && x.ndim !== 3) throw new ShapeError(`${op}: expected a 2-d [C,L] or 3-d [N,C,L] input, got ${what}`);
  if (weight.ndim !== 3) throw new ShapeError(`${op}: weight must be 3-d [O, C/groups, k], got ${what}`);
  const [xb, unbatch] = toBatched(op, x, 1);
  const pad = opts.padding ?? 0;
  const y = convCore(op, what, addHeight(xb), reshape(weight, [weight.shape[0]!, weight.shape[1]!, 1, weight.shape[2]!]), bias, {
    stride: [1, single(op, 'stride', opts.stride ?? 1, 1)],
    padding: typeof pad === 'string' ? pad : [0, single(op, 'padding', pad, 0)],
    dilation: [1, single(op, 'dilation', opts.dilation ?? 1, 1)],
    groups: opts.groups ?? 1,
  });
  return unbatch(dropHeight(y));
}
