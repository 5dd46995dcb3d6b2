import { ShapeError, fmtShape } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { numel } from '../../tensor/shape.js';
import { cast, record } from '../primitive.js';

/** Resolves one -1 entry and checks the element count. */
export function inferReshape(op: string, from: readonly number[], to: readonly number[]): number[] {
  if (!Array.isArray(to)) throw new ShapeError(`${op}: shape must be an array of sizes, got ${String(to)}`);
  const n = numel(from);
  const holes = to.filter((s) => s === -1).length;
  if (holes > 1) throw new ShapeError(`${op}: only one dim can be -1, got ${fmtShape(to)}`);
  for (const s of to) {
    if (!Number.isInteger(s) || s < -1) throw new ShapeError(`${op}: invalid size ${s} in ${fmtShape(to)}`);
  }
  const known = to.reduce((p, s) => (s === -1 ? p : p * s), 1);
  if (holes === 1 && known === 0) throw new ShapeError(`${op}: shape ${fmtShape(to)} is ambiguous for input of size ${n}: the -1 could be any size`);
  const out = to.map((s) => (s === -1 ? (known === 0 ? 0 : n / known) : s));
  if (numel(out) !== n || out.some((s) => !Number.isInteger(s))) {
    throw new ShapeError(`${op}: shape ${fmtShape(to)} is invalid for input of size ${n} (shape ${fmtShape(from)})`);
  }
  return out;
}

/**
 * Strides that let `shape` view x's memory, or null when a copy is needed (PyTorch's rule:
 * each group of merged/split dims must be contiguous within itself).
 */
function viewStrides(x: Tensor, shape: readonly number[]): number[] | null {
  if (x.numel === 0 || x.isContiguous()) {
    const s: number[] = [];
    let acc = 1;
    for (let i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i]!;
    }
    return s;
  }
  const oldShape = x.shape.filter((d) => d !== 1);
  const oldStrides = x.strides.filter((_, i) => x.shape[i] !== 1);
  const out = new Array<number>(shape.length);
  let oi = oldShape.length - 1;
  let ni = shape.length - 1;
  while (ni >= 0) {
    if (shape[ni] === 1) {
      out[ni] = (out[ni + 1] ?? 1) * (shape[ni + 1] ?? 1);
      ni--;
      continue;
    }
    // take old dims until their product covers the new chunk, checking they are contiguous
    let oldProd = oldShape[oi]!;
    let stride = oldStrides[oi]!;
    let newProd = shape[ni]!;
    const chunkEnd = ni;
    oi--;
    let nj = ni - 1;
    while (oldProd !== newProd) {
      if (oldProd < newProd) {
        if (oi < 0 || oldStrides[oi] !== oldStrides[oi + 1]! * oldShape[oi + 1]!) return null;
        oldProd *= oldShape[oi]!;
        oi--;
      } else {
        if (nj < 0) return null;
        newProd *= shape[nj]!;
        nj--;
      }
    }
    for (let k = chunkEnd; k > nj; k--) {
      out[k] = stride;
      stride *= shape[k]!;
    }
    ni = nj;
  }
  return out;
}

/**
 * The same elements in a new shape (one dim may be -1). A view when the memory allows, else a copy.
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const to = inferReshape('reshape', x.shape, shape);
  const strides = viewStrides(x, to);
  if (strides === null) return reshape(cast(x, x.dtype, true), to);
  const out = new Tensor(x.data, to, x.dtype, strides, x.offset);
  return record('reshape', [x], x.shape, ({ dy, attrs }) => [reshape(dy, attrs)], out);
}

/** Like reshape, but throws instead of copying when the memory layout does not allow a view. */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const to = inferReshape('view', x.shape, shape);
  if (viewStrides(x, to) === null) {
    throw new ShapeError(`view: shape ${fmtShape(to)} is not compatible with the strides [${x.strides.join(',')}] of input ${fmtShape(x.shape)}; use reshape() (copies)`);
  }
  return reshape(x, to);
}
