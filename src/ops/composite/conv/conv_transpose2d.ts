/**
 * Transposed 2-d convolution ("deconvolution") over NCHW: the adjoint of conv2d with respect to
 * its input, built the same way backwards: a grouped matmul by the transposed weight, then col2im
 * (the adjoint of im2col) folds the columns into the output image, summing overlaps.
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape } from '../../../errors.js';
import type { WindowParams } from '../../../backend/kernel_types.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { col2im } from '../../primitives/col2im.js';
import { windowOut } from '../../primitives/im2col.js';
import { transpose } from '../../primitives/permute.js';
import { reshape } from '../../primitives/reshape.js';
import { type Pair, checkOut, groupedBmm, padBottomRight, pair, parseGroups, toBatched } from './conv_options.js';
import { addBias } from './conv2d.js';

/** Options of convTranspose2d (PyTorch's names and defaults). */
export interface ConvTranspose2dOptions {
  /** Step of the matching conv2d, i.e. the upsampling factor (default 1). */
  stride?: Pair;
  /** Padding of the matching conv2d: removes `padding` rows/cols from each side of the output (default 0). */
  padding?: Pair;
  /** Extra rows/cols added to the bottom/right of the output to pick one of the sizes a strided conv maps from (default 0; < stride or < dilation). */
  outputPadding?: Pair;
  /** Independent channel groups (default 1). */
  groups?: number;
  /** Spacing between kernel taps (default 1). */
  dilation?: Pair;
}

/**
 * Transposed convolution: the gradient of conv2d with respect to its input, as an op. Each input
 * pixel scatters weight-scaled copies of the kernel into the output.
 * @param x input [N, C_in, H, W] (or unbatched [C_in, H, W])
 * @param weight [C_in, C_out/groups, kh, kw] (PyTorch's layout: in-channels first)
 * @param bias optional [C_out]
 * @returns [N, C_out, H_out, W_out] with H_out = (H − 1)·sh − 2·ph + dh·(kh − 1) + oph + 1
 * @example convTranspose2d(ones([1, 2, 3, 3]), ones([2, 4, 2, 2]), null, { stride: 2 }).shape // [1, 4, 6, 6]
 */
export function convTranspose2d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: ConvTranspose2dOptions = {}): Tensor {
  const op = 'convTranspose2d';
  const what = `input ${fmtShape(x.shape)}, weight ${fmtShape(weight.shape)}`;
  if (x.ndim !== 3 && x.ndim !== 4) throw new ShapeError(`${op}: expected a 3-d [C,H,W] or 4-d [N,C,H,W] input, got ${what}`);
  if (weight.ndim !== 4) throw new ShapeError(`${op}: weight must be 4-d [C_in, C_out/groups, kh, kw], got ${what}`);
  if (x.dtype === 'bool' || weight.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported (input ${x.dtype}, weight ${weight.dtype})`);
  const [xb, unbatch] = toBatched(op, x, 2);
  const [N, C, H, W] = xb.shape as [number, number, number, number];
  const [Cw, Og, kh, kw] = weight.shape as [number, number, number, number];
  const groups = parseGroups(op, opts.groups);
  if (Cw !== C) throw new ShapeError(`${op}: input has ${C} channels but weight expects ${Cw} (groups=${groups}): ${what}`);
  if (C % groups !== 0) throw new ArgumentError(`${op}: ${C} input channels are not divisible by groups=${groups}: ${what}`);
  const O = Og * groups;
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new ShapeError(`${op}: bias must have shape [${O}] to match ${O} output channels, got bias ${fmtShape(bias.shape)}: ${what}`);
  }
  const stride = pair(op, 'stride', opts.stride ?? 1, 1);
  const padding = pair(op, 'padding', opts.padding ?? 0, 0);
  const dilation = pair(op, 'dilation', opts.dilation ?? 1, 1);
  const outPad = pair(op, 'outputPadding', opts.outputPadding ?? 0, 0);
  if (outPad.some((v, i) => v >= stride[i]! && v >= dilation[i]!)) {
    throw new ArgumentError(`${op}: outputPadding ${fmtShape(outPad)} must be smaller than either stride ${fmtShape(stride)} or dilation ${fmtShape(dilation)}`);
  }
  const p: WindowParams = { kernel: [kh, kw], stride, padding, dilation };
  const size = (i: 0 | 1, n: number): number => (n - 1) * stride[i] - 2 * padding[i] + dilation[i] * (weight.shape[2 + i]! - 1) + outPad[i] + 1;
  const hw: [number, number] = [size(0, H), size(1, W)];
  checkOut(op, what, p, hw);
  // cols[n, g] = W[g]ᵀ · x[n, g]: [N, C_out·kh·kw, H·W], one column per input pixel
  const wT = transpose(reshape(weight, [groups, C / groups, Og * kh * kw]), 1, 2);
  let cols = groupedBmm(wT, reshape(xb, [N, C, H * W]));
  // NOTE: with outputPadding ≥ stride (allowed when < dilation) the conv over the output has more
  // windows than x has pixels; the extra windows carry zeros.
  const win: [number, number] = [windowOut(hw[0], kh, stride[0], padding[0], dilation[0]), windowOut(hw[1], kw, stride[1], padding[1], dilation[1])];
  if (win[0] !== H || win[1] !== W) {
    const CK = O * kh * kw;
    cols = reshape(padBottomRight(reshape(cols, [N, CK, H, W]), [win[0] - H, win[1] - W], 0), [N, CK, win[0] * win[1]]);
  }
  return unbatch(addBias(col2im(cols, p, hw), bias));
}
