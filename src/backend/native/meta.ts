/**
 * Describes views to the addon and validates them first, so native code never sees a view that
 * reaches outside its array. Layout of `meta` (the addon's own Float64Array, 512 entries): the
 * number of views, then per view `ndim, shape…, offset, strides…`, then the kernel's own numbers.
 * With at most 4 views of MAX_DIMS dims a call needs under 160 entries.
 */
import { ArgumentError } from '../../errors.js';
import type { View } from '../kernel_types.js';

/** Dims the addon handles; views with more run on the js backend. */
export const MAX_DIMS = 16;

function bad(kernel: string, v: View, what: string): never {
  throw new ArgumentError(`${kernel}: invalid view for the native backend (${what}): shape [${v.shape.join(',')}], strides [${v.strides.join(',')}], offset ${v.offset}, array length ${v.data.length}`);
}

/**
 * Throws unless every element `v` addresses lies inside `v.data`: integer shape (>= 0), integer
 * strides, an integer offset, and offset + Σ i_d·stride_d in [0, length) for every index.
 */
export function checkView(kernel: string, v: View): void {
  const nd = v.shape.length;
  if (!ArrayBuffer.isView(v.data)) bad(kernel, v, 'data is not a typed array');
  if (v.strides.length !== nd) bad(kernel, v, 'shape and strides differ in length');
  if (!Number.isSafeInteger(v.offset)) bad(kernel, v, 'offset');
  let lo = v.offset;
  let hi = v.offset;
  let empty = false;
  for (let d = 0; d < nd; d++) {
    const n = v.shape[d]!;
    const s = v.strides[d]!;
    if (!Number.isSafeInteger(n) || n < 0) bad(kernel, v, `shape[${d}]`);
    if (!Number.isSafeInteger(s)) bad(kernel, v, `strides[${d}]`);
    if (n === 0) empty = true;
    const span = (n - 1) * s;
    if (span < 0) lo += span;
    else hi += span;
  }
  if (!empty && (lo < 0 || hi >= v.data.length || !Number.isSafeInteger(hi) || !Number.isSafeInteger(lo))) {
    bad(kernel, v, 'reaches outside its array');
  }
}

/** True when v is row-major and gap-free from its offset (the layout of every kernel output). */
export function isContiguous(v: View): boolean {
  let expected = 1;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    const n = v.shape[d]!;
    if (n === 0) return true;
    if (n !== 1 && v.strides[d] !== expected) return false;
    expected *= n;
  }
  return true;
}

/**
 * Validates `views` and writes them, then `extra`, into the addon's meta array. Returns false
 * (nothing native may run; the caller uses js) when a view has more than MAX_DIMS dims.
 */
export function pack(meta: Float64Array, kernel: string, views: readonly View[], extra: readonly number[] = []): boolean {
  let p = 0;
  meta[p++] = views.length;
  for (const v of views) {
    const nd = v.shape.length;
    if (nd > MAX_DIMS) return false;
    checkView(kernel, v);
    meta[p++] = nd;
    for (let d = 0; d < nd; d++) meta[p++] = v.shape[d]!;
    meta[p++] = v.offset;
    for (let d = 0; d < nd; d++) meta[p++] = v.strides[d]!;
  }
  if (p + extra.length > meta.length) return false;
  for (const x of extra) meta[p++] = x;
  return true;
}
