import { ArgumentError } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { normalizeDim } from '../../tensor/shape.js';
import { record } from '../primitive.js';
import { padConstant } from './pad_constant.js';
import { reshape } from './reshape.js';
import { unsqueezeShape } from './squeeze_shape.js';

/**
 * Elements start, start+step, … < end along `dim` (a view), like Python's x[start:end:step].
 * Negative start/end count from the end and both are clamped, as in PyTorch.
 * @example slice(arange(10), 0, 2, 8, 3).toArray() // [2, 5]
 */
export function slice(x: Tensor, dim: number, start = 0, end = Infinity, step = 1): Tensor {
  const d = normalizeDim('slice', dim, x.ndim);
  if (!Number.isInteger(step) || step < 1) throw new ArgumentError(`slice: step must be a positive integer, got ${step}`);
  const isIndex = (i: number): boolean => Number.isInteger(i) || i === Infinity || i === -Infinity;
  if (!isIndex(start) || !isIndex(end)) throw new ArgumentError(`slice: start and end must be integers, got ${start} and ${end}`);
  const size = x.shape[d]!;
  const clampIdx = (i: number): number => Math.min(size, Math.max(0, i < 0 ? i + size : i));
  const s = clampIdx(start);
  const e = Math.max(s, clampIdx(end));
  const len = Math.ceil((e - s) / step);
  const shape = x.shape.map((v, i) => (i === d ? len : v));
  const strides = x.strides.map((v, i) => (i === d ? v * step : v));
  const out = new Tensor(x.data, shape, x.dtype, strides, x.offset + (len > 0 ? s * x.strides[d]! : 0));
  // the gradient goes back to the picked positions; every other position gets 0
  return record('slice', [x], null, ({ dy }) => [unslice(dy, d, size, s, len, step)], out);
}

/** Places dy (len entries along dim) at positions s, s+step, … of a zero tensor of size `size`. */
function unslice(dy: Tensor, d: number, size: number, s: number, len: number, step: number): Tensor {
  let g = dy;
  if (step > 1 && len > 0) {
    // interleave step-1 zeros after each entry: [.., len, ..] -> [.., len, step, ..] -> [.., len*step, ..]
    g = padConstant(reshape(g, unsqueezeShape(g.shape, d + 1)), perDim(g.ndim + 1, d + 1, 0, step - 1), 0);
    g = reshape(g, g.shape.flatMap((v, i) => (i === d ? [v * step] : i === d + 1 ? [] : [v])));
    g = slice(g, d, 0, (len - 1) * step + 1);
  }
  const covered = len === 0 ? 0 : (len - 1) * step + 1;
  return padConstant(g, perDim(g.ndim, d, s, size - s - covered), 0);
}

function perDim(ndim: number, d: number, before: number, after: number): [number, number][] {
  return Array.from({ length: ndim }, (_, i) => (i === d ? [before, after] : [0, 0]));
}

/** x.narrow(dim, start, length): `length` elements from `start` (a view). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim);
  const size = x.shape[d]!;
  if (!Number.isInteger(start) || !Number.isInteger(length)) throw new ArgumentError(`narrow: start and length must be integers, got ${start} and ${length}`);
  const s = start < 0 ? start + size : start;
  if (s < 0 || length < 0 || s + length > size) {
    throw new ArgumentError(`narrow: start ${start} + length ${length} exceeds dim ${dim} of size ${size}`);
  }
  return slice(x, d, s, s + length);
}
