/**
 * Shared plumbing for the conv family: option parsing (`2` or `[2, 3]`), unbatched inputs,
 * PyTorch's pooling output-size rule (floor or ceil mode) and the grouped batched matmul that
 * conv2d and convTranspose2d share. Internal: not re-exported from the barrel.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../../errors.js';
import type { WindowParams } from '../../../backend/kernel_types.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { bmm } from '../../primitives/bmm.js';
import { expand } from '../../primitives/expand.js';
import { padConstant } from '../../primitives/pad_constant.js';
import { reshape } from '../../primitives/reshape.js';

/** One value for both spatial dims, or `[height, width]`. */
export type Pair = number | readonly [number, number];

/** `v` as [h, w], checked to be integers ≥ `min`. */
export function pair(op: string, name: string, v: Pair, min: number): [number, number] {
  if (typeof v !== 'number' && !(Array.isArray(v) && v.length === 2)) {
    throw new ArgumentError(`${op}: ${name} must be a number or a pair [h, w], got ${JSON.stringify(v)}`);
  }
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (p.some((s) => !Number.isInteger(s) || s < min)) {
    throw new ArgumentError(`${op}: ${name} must be ${min === 0 ? 'non-negative' : 'positive'} integers, got ${JSON.stringify(v)}`);
  }
  return p;
}

/** The `groups` option, a positive integer. */
export function parseGroups(op: string, groups: number | undefined): number {
  const g = groups ?? 1;
  if (!Number.isInteger(g) || g < 1) throw new ArgumentError(`${op}: groups must be a positive integer, got ${g}`);
  return g;
}

/**
 * Accepts the batched ([N,C,…spatial]) or unbatched ([C,…spatial]) layout, like PyTorch.
 * Returns the batched tensor and an `unbatch` function that undoes the added batch dim.
 */
export function toBatched(op: string, x: Tensor, spatial: number): [Tensor, (y: Tensor) => Tensor] {
  if (x.ndim === spatial + 2) return [x, (y) => y];
  if (x.ndim === spatial + 1) return [reshape(x, [1, ...x.shape]), (y) => reshape(y, y.shape.slice(1))];
  const names = spatial === 1 ? ['[C,L]', '[N,C,L]'] : ['[C,H,W]', '[N,C,H,W]'];
  throw new ShapeError(`${op}: expected a ${spatial + 1}-d ${names[0]} or ${spatial + 2}-d ${names[1]} input, got ${fmtShape(x.shape)}`);
}

/** [N,C,L] -> [N,C,1,L]: the 1-d ops run as 2-d ops over a height-1 image. */
export function addHeight(x: Tensor): Tensor {
  return reshape(x, [x.shape[0]!, x.shape[1]!, 1, x.shape[2]!]);
}

/** [N,C,1,L] -> [N,C,L]. */
export function dropHeight(y: Tensor): Tensor {
  return reshape(y, [y.shape[0]!, y.shape[1]!, y.shape[3]!]);
}

/** Output size of a pooling window, PyTorch's rule: in ceil mode the last window must start inside the input or left padding. */
export function poolOut(size: number, k: number, s: number, p: number, d: number, ceilMode: boolean): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = Math.floor((span + (ceilMode ? s - 1 : 0)) / s) + 1;
  if (ceilMode && (out - 1) * s >= size + p) out--;
  return out;
}

/** Throws when a window op would produce an empty or negative output; `what` names the operands' shapes. */
export function checkOut(op: string, what: string, p: WindowParams, out: readonly [number, number]): void {
  if (out[0] >= 1 && out[1] >= 1) return;
  throw new ShapeError(
    `${op}: output size would be ${fmtShape(out)} (kernel ${fmtShape(p.kernel)}, stride ${fmtShape(p.stride)}, ` +
      `padding ${fmtShape(p.padding)}, dilation ${fmtShape(p.dilation)}): the input is too small: ${what}`,
  );
}

/** A scalar option of the 1-d ops, checked to be an integer ≥ `min`. */
export function single(op: string, name: string, v: number, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ArgumentError(`${op}: ${name} must be a ${min === 0 ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Rows/cols beyond the symmetric padding that the last (ceil-mode) window reaches: [extraH, extraW]. */
export function ceilExtra(hw: readonly [number, number], p: WindowParams, out: readonly [number, number]): [number, number] {
  const extra = (i: 0 | 1): number => Math.max(0, (out[i] - 1) * p.stride[i] + p.dilation[i] * (p.kernel[i] - 1) + 1 - (hw[i] + 2 * p.padding[i]));
  return [extra(0), extra(1)];
}

/** Pads the bottom/right of an NCHW tensor with `value` (no-op for zero extra). */
export function padBottomRight(x: Tensor, extra: readonly [number, number], value: number): Tensor {
  if (extra[0] === 0 && extra[1] === 0) return x;
  return padConstant(x, [[0, 0], [0, 0], [0, extra[0]], [0, extra[1]]], value);
}

/**
 * Per-group matrix product: w [g, M, K] applied to x [N, g·K, L] group by group -> [N, g·M, L].
 * For g = 1 the weight is a batch-expanded view (no copy); for g > 1 it is copied N times.
 */
export function groupedBmm(w: Tensor, x: Tensor): Tensor {
  const [g, M, K] = w.shape as [number, number, number];
  const [N, , L] = x.shape as [number, number, number];
  if (g === 1) return bmm(expand(w, [N, M, K]), x);
  const wb = reshape(expand(reshape(w, [1, g, M, K]), [N, g, M, K]), [N * g, M, K]);
  return reshape(bmm(wb, reshape(x, [N * g, K, L])), [N, g * M, L]);
}
