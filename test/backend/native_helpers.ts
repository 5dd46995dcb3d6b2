/**
 * Helpers for the native backend tests: strided views in every layout a kernel can meet
 * (contiguous, transposed, flipped, gapped, broadcast) filled with values that include NaN, ±inf
 * and ±0, and a comparison of a native output with the js reference's.
 */
import assert from 'node:assert/strict';
import { type Backend, type DType, type TypedArray, type View, getBackend, setBackend } from '../../src/index.js';

/** The native backend, or undefined when the addon does not load here (tests then skip). */
export const native: Backend | undefined = (() => {
  try {
    return getBackend('native');
  } catch {
    return undefined;
  }
})();
export const js: Backend = getBackend('js');

/** Runs fn with `name` as the current backend, restoring the previous one after. */
export function onBackend<T>(name: 'js' | 'native', fn: () => T): T {
  const prev = getBackend().name;
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(prev);
  }
}
export const skip = native ? false : 'the native addon is not built on this machine';

export type Layout = 'contig' | 'transposed' | 'flipped' | 'gapped' | 'broadcast';
export const LAYOUTS: readonly Layout[] = ['contig', 'transposed', 'flipped', 'gapped', 'broadcast'];

export function alloc(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -2.5, 3e38, 1e-30, 7.25];

/** A deterministic stream in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function fill(data: TypedArray, dtype: DType, next: () => number, special: boolean): void {
  for (let i = 0; i < data.length; i++) {
    const u = next();
    if (dtype === 'bool') data[i] = u < 0.5 ? 1 : 0;
    else if (dtype === 'int32') data[i] = Math.floor(u * 21) - 10;
    else if (special && u < 0.15) data[i] = SPECIAL[Math.floor(next() * SPECIAL.length)]!;
    else data[i] = (next() - 0.5) * 8;
  }
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const st: number[] = [];
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    st[d] = s;
    s *= shape[d]!;
  }
  return st;
}

const count = (shape: readonly number[]): number => shape.reduce((n, s) => n * s, 1);

/** A view of `shape` in `layout`, over a fresh array of random values (see SPECIAL). */
export function makeView(shape: readonly number[], dtype: DType, layout: Layout, seed = 1, special = true): View {
  const next = rng(seed);
  const nd = shape.length;
  let strides: number[];
  let offset = 0;
  let size: number;
  if (layout === 'transposed') {
    strides = new Array<number>(nd);
    let s = 1;
    for (let d = 0; d < nd; d++) {
      strides[d] = s;
      s *= shape[d]!;
    }
    size = s;
  } else if (layout === 'gapped') {
    strides = contiguousStrides(shape.map((s) => s + 1));
    offset = 3;
    size = offset + count(shape.map((s) => s + 1));
  } else {
    strides = contiguousStrides(shape);
    size = count(shape);
  }
  if (layout === 'flipped') {
    for (const d of [0, nd - 1]) {
      if (d < 0 || d >= nd || shape[d]! < 2 || strides[d]! < 0) continue;
      offset += (shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
  }
  if (layout === 'broadcast' && nd > 0) {
    // stride 0 on dim 0: every index along it reads the same row
    strides[0] = 0;
    size = Math.max(1, count(shape.slice(1)));
  }
  const data = alloc(dtype, Math.max(size, 1));
  fill(data, dtype, next, special);
  return { data, shape: [...shape], strides, offset };
}

/** A fresh contiguous output view. */
export function outView(shape: readonly number[], dtype: DType): View {
  return { data: alloc(dtype, Math.max(1, count(shape))), shape: [...shape], strides: contiguousStrides(shape), offset: 0 };
}

/**
 * Asserts two outputs agree: NaN where NaN, equal infinities, otherwise within rtol (relative)
 * or atol. rtol 0 asks for identical values.
 */
export function assertSame(actual: View, expected: View, what: string, rtol = 0, atol = 0): void {
  const n = count(expected.shape);
  for (let i = 0; i < n; i++) {
    const a = actual.data[actual.offset + i]!;
    const e = expected.data[expected.offset + i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      assert.ok(Number.isNaN(a) && Number.isNaN(e), `${what}[${i}]: native ${a}, js ${e}`);
      continue;
    }
    if (a === e) continue;
    const ok = Number.isFinite(e) && Math.abs(a - e) <= atol + rtol * Math.abs(e);
    assert.ok(ok, `${what}[${i}]: native ${a}, js ${e}`);
  }
}
