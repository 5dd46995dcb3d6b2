/**
 * Adaptive 2-d average pooling over NCHW: the output size is given and the windows adapt, with
 * PyTorch's bins (start = floor(i·H/oh), end = ceil((i+1)·H/oh)), which may overlap and differ in
 * size. Uneven bins are two matmuls by constant averaging matrices (rows: 1/|bin| on the bin);
 * even ones are a plain avgPool2d.
 */
import { ArgumentError, DTypeError, fmtShape } from '../../../errors.js';
import { arange, tensor } from '../../../tensor/create.js';
import { type DType, isFloating } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cast } from '../../primitive.js';
import { bmm } from '../../primitives/bmm.js';
import { cmpLe } from '../../primitives/cmp_le.js';
import { cmpLt } from '../../primitives/cmp_lt.js';
import { div } from '../../primitives/div.js';
import { expand } from '../../primitives/expand.js';
import { logicalAnd } from '../../primitives/logical_and.js';
import { transpose } from '../../primitives/permute.js';
import { reshape } from '../../primitives/reshape.js';
import { toBatched } from './conv_options.js';
import { avgPoolCore } from './avg_pool2d.js';

/**
 * The averaging matrix of one axis, [outSize, inSize]: row i is 1/(end − start) on [start, end).
 * Built from comparisons, so the per-element work stays in the primitives.
 */
function binMatrix(inSize: number, outSize: number, dtype: DType): Tensor {
  const starts = Array.from({ length: outSize }, (_, i) => [Math.floor((i * inSize) / outSize)]);
  const ends = Array.from({ length: outSize }, (_, i) => [Math.ceil(((i + 1) * inSize) / outSize)]);
  const s = tensor(starts, { dtype });
  const e = tensor(ends, { dtype });
  const j = reshape(arange(inSize, undefined, 1, { dtype }), [1, inSize]);
  const inBin = cast(logicalAnd(cmpLe(s, j), cmpLt(j, e)), dtype);
  return div(inBin, tensor(ends.map(([v], i) => [v! - starts[i]![0]!]), { dtype }));
}

/**
 * Adaptive 2-d average pooling to a fixed output size, whatever the input size (PyTorch's bins).
 * @param x input [N, C, H, W] (or unbatched [C, H, W])
 * @param outputSize [oh, ow], or one number for both; null keeps that input size
 * @returns [N, C, oh, ow]
 * @example adaptiveAvgPool2d(ones([2, 3, 7, 5]), 1).shape // [2, 3, 1, 1]
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: number | readonly [number | null, number | null]): Tensor {
  const op = 'adaptiveAvgPool2d';
  if (x.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported; cast first`);
  const [xb, unbatch] = toBatched(op, x, 2);
  const [N, C, H, W] = xb.shape as [number, number, number, number];
  const req = typeof outputSize === 'number' ? [outputSize, outputSize] : [outputSize[0], outputSize[1]];
  const [oh, ow] = [req[0] ?? H, req[1] ?? W];
  if (![oh, ow].every((s) => Number.isInteger(s) && s >= 1)) {
    throw new ArgumentError(`${op}: outputSize must be positive integers (or null), got ${JSON.stringify(outputSize)} for input ${fmtShape(x.shape)}`);
  }
  if (H < 1 || W < 1) throw new ArgumentError(`${op}: input ${fmtShape(x.shape)} has an empty spatial dim`);
  if (H % oh === 0 && W % ow === 0) {
    const k: [number, number] = [H / oh, W / ow];
    return unbatch(avgPoolCore(op, `input ${fmtShape(x.shape)}`, xb, { kernel: k, stride: k, padding: [0, 0], dilation: [1, 1] }, {}));
  }
  const dtype = isFloating(x.dtype) ? x.dtype : 'float32';
  const rows = expand(reshape(binMatrix(H, oh, dtype), [1, oh, H]), [N * C, oh, H]);
  const colsT = expand(reshape(transpose(binMatrix(W, ow, dtype), 0, 1), [1, W, ow]), [N * C, W, ow]);
  // [NC, oh, H] · [NC, H, W] · [NC, W, ow]
  const y = bmm(bmm(rows, reshape(xb, [N * C, H, W])), colsT);
  return unbatch(reshape(y, [N, C, oh, ow]));
}
