/**
 * Shape arithmetic: element counts, contiguous strides, dim normalisation and broadcasting.
 * Pure functions on number arrays; no tensors here.
 */
import { IndexError, ShapeError, fmtShape } from '../errors.js';

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Maps a possibly negative dim into [0, ndim). 0-d tensors accept dims -1 and 0, like PyTorch. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(`${op}: dim ${dim} out of range for a tensor of ${ndim} dims (expected -${n}..${n - 1})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalises a dim list (undefined = all dims), sorted and deduplicated-checked. */
export function normalizeDims(op: string, dims: number | readonly number[] | undefined, ndim: number): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(op, d, ndim));
  if (new Set(out).size !== out.length) throw new IndexError(`${op}: dim ${JSON.stringify(list)} repeats a dim`);
  return ndim === 0 ? [] : out.sort((a, b) => a - b);
}

/** NumPy/PyTorch broadcasting of two shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast (dim ${i}: ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Most elements one tensor may hold: strided kernels index storage with int32 offsets. */
export const MAX_NUMEL = 2 ** 31 - 1;

/** Checks that a user-given shape is a list of non-negative integers with a storable element count. */
export function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape)) throw new ShapeError(`${op}: shape must be an array of sizes, got ${String(shape)}`);
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new ShapeError(`${op}: invalid shape ${fmtShape(shape)}: sizes must be non-negative integers`);
  }
  if (numel(shape) > MAX_NUMEL) throw new ShapeError(`${op}: shape ${fmtShape(shape)} has ${numel(shape)} elements, more than the ${MAX_NUMEL} a tensor can hold`);
}
