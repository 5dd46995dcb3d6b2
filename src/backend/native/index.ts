/**
 * The native CPU backend: C++ kernels (native/src, built by node-gyp at install) working in
 * place on the tensors' typed arrays. Each kernel here validates its views (meta.ts), then calls
 * the addon. float32/float64 run natively everywhere; int32/bool calls of the arithmetic kernels
 * run on the js backend (each wrapper says so), and whole primitives without a native kernel are
 * `fallbackToJs` in the table, so the coverage listing (npm run coverage:backends) shows them.
 */
import { ArgumentError } from '../../errors.js';
import { BINARY, UNARY } from '../../ops/primitives/index.js';
import { type Backend, fallbackToJs, fallbacksOf } from '../backend.js';
import type { BinaryKernel, BinaryName, KernelTable, ReduceKernel, UnaryKernel, UnaryName, View } from '../kernel_types.js';
import { createJsBackend } from '../js/index.js';
import { type NativeAddon, addonError, tryAddon } from './addon.js';
import { MAX_DIMS, isContiguous, pack } from './meta.js';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;
const ctor = (v: View): Ctor => v.data.constructor as Ctor;
const isFloat = (v: View): boolean => v.data instanceof Float32Array || v.data instanceof Float64Array;
const numel = (v: View): number => v.shape.reduce((n, s) => n * s, 1);

/** Index of `name` in the addon's generated op list (the same list codegen read). */
function opIndex(names: readonly string[], name: string): number {
  const i = names.indexOf(name);
  if (i < 0) throw new ArgumentError(`native backend: the addon has no '${name}' kernel; rebuild it (npm install) after npm run codegen`);
  return i;
}

function makeUnary(addon: NativeAddon, name: Exclude<UnaryName, 'cast'>, js: UnaryKernel): UnaryKernel {
  const op = opIndex(addon.info().unary, name);
  const meta = addon.meta;
  const boolOut = UNARY[name].spec.dtype === 'bool';
  return (x, out) => {
    // int32/bool inputs (and >16-d views) run on js; bool-output ops also take bool inputs natively
    const ok = boolOut ? out.data instanceof Uint8Array && (isFloat(x) || x.data instanceof Uint8Array) : isFloat(x) && ctor(x) === ctor(out);
    if (!ok || !isContiguous(out) || !pack(meta, name, [x, out])) return js(x, out);
    addon.unary(op, x.data, out.data);
  };
}

function makeBinary(addon: NativeAddon, name: BinaryName, js: BinaryKernel): BinaryKernel {
  const op = opIndex(addon.info().binary, name);
  const meta = addon.meta;
  const dt = BINARY[name].spec.dtype;
  const boolOut = dt === 'compare' || dt === 'logical';
  return (a, b, out) => {
    const same = ctor(a) === ctor(b);
    const ok = same && (boolOut ? out.data instanceof Uint8Array && (isFloat(a) || a.data instanceof Uint8Array) : isFloat(a) && ctor(a) === ctor(out));
    if (!ok || !isContiguous(out) || !pack(meta, name, [a, b, out])) return js(a, b, out);
    addon.binary(op, a.data, b.data, out.data);
  };
}

const REDUCE_OPS = { sum: 0, prod: 1, amax: 2 } as const;

function makeReduce(addon: NativeAddon, name: keyof typeof REDUCE_OPS, js: ReduceKernel): ReduceKernel {
  const meta = addon.meta;
  return (x, dims, out) => {
    const flags = x.shape.map((_, d) => (dims.includes(d) ? 1 : 0));
    if (!isFloat(x) || ctor(x) !== ctor(out) || !isContiguous(out) || !pack(meta, name, [x, out], flags)) return js(x, dims, out);
    addon.reduce(REDUCE_OPS[name], x.data, out.data);
  };
}

/** A view of `out` shifted by `starts` with x's shape: where pad and cat copy x to. */
function window(out: View, starts: readonly number[], shape: readonly number[]): View {
  let offset = out.offset;
  starts.forEach((s, d) => (offset += s * out.strides[d]!));
  return { data: out.data, shape, strides: out.strides, offset };
}

/** `value` as the output array stores it (ToInt32 for int32, ToUint8 for bool): the js rule. */
function stored(out: View, value: number): number {
  const one = new (ctor(out))(1);
  one[0] = value;
  return one[0]!;
}

/** a with non-negative strides: views with negative ones (flip) are copied contiguous first. */
function nonNegative(addon: NativeAddon, a: View): View {
  if (a.strides.every((s) => s >= 0)) return a;
  const data = new (ctor(a))(numel(a));
  const c: View = { data, shape: a.shape, strides: contiguousStrides(a.shape), offset: 0 };
  pack(addon.meta, 'matmul', [a, c]);
  addon.copy(a.data, data);
  return c;
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

function makeTable(addon: NativeAddon, js: KernelTable): KernelTable {
  const unary = Object.fromEntries((Object.keys(UNARY) as (keyof typeof UNARY)[]).map((n) => [n, makeUnary(addon, n, js[n])])) as Record<Exclude<UnaryName, 'cast'>, UnaryKernel>;
  const binary = Object.fromEntries((Object.keys(BINARY) as BinaryName[]).map((n) => [n, makeBinary(addon, n, js[n])])) as Record<BinaryName, BinaryKernel>;
  const matmul = addon.matmul?.bind(addon);
  const meta = addon.meta;
  return {
    ...unary,
    ...binary,
    // every dtype pair, with the js store rules (float -> int32 truncates and wraps, -> bool is x != 0)
    cast: (x, out) => {
      if (!isContiguous(out) || !pack(meta, 'cast', [x, out])) return js.cast(x, out);
      addon.cast(x.data, out.data);
    },
    sum: makeReduce(addon, 'sum', js.sum),
    prod: makeReduce(addon, 'prod', js.prod),
    amax: makeReduce(addon, 'amax', js.amax),
    where: (c, a, b, out) => {
      const ok = c.data instanceof Uint8Array && ctor(a) === ctor(out) && ctor(b) === ctor(out);
      if (!ok || !isContiguous(out) || !pack(meta, 'where', [c, a, b, out])) return js.where(c, a, b, out);
      addon.where(c.data, a.data, b.data, out.data);
    },
    argmax: (x, dim, out) => {
      if (!(out.data instanceof Int32Array) || !isContiguous(out) || !pack(meta, 'argmax', [x, out], [dim])) return js.argmax(x, dim, out);
      addon.argmax(x.data, out.data);
    },
    cumsum: (x, dim, out) => {
      if (!isFloat(x) || ctor(x) !== ctor(out) || !pack(meta, 'cumsum', [x, out], [dim])) return js.cumsum(x, dim, out);
      addon.cumsum(x.data, out.data);
    },
    matmul: matmul
      ? (a, b, out) => {
          if (!isFloat(a) || ctor(a) !== ctor(b) || ctor(a) !== ctor(out) || !isContiguous(out) || a.shape.length !== 3 || b.shape.length !== 3) {
            return js.matmul(a, b, out);
          }
          const [x, w] = [nonNegative(addon, a), nonNegative(addon, b)];
          pack(meta, 'matmul', [x, w, out]);
          matmul(x.data, w.data, out.data);
        }
      : fallbackToJs('matmul'),
    pad: (x, pads, value, out) => {
      if (ctor(x) !== ctor(out) || x.shape.length > MAX_DIMS) return js.pad(x, pads, value, out);
      out.data.fill(value, out.offset, out.offset + numel(out));
      pack(meta, 'pad', [x, window(out, pads.map((p) => p[0]), x.shape)]);
      addon.copy(x.data, out.data);
    },
    cat: (xs, dim, out) => {
      if (xs.some((x) => ctor(x) !== ctor(out)) || out.shape.length > MAX_DIMS) return js.cat(xs, dim, out);
      let at = 0;
      for (const x of xs) {
        pack(meta, 'cat', [x, window(out, out.shape.map((_, d) => (d === dim ? at : 0)), x.shape)]);
        addon.copy(x.data, out.data);
        at += x.shape[dim]!;
      }
    },
    gather: (x, dim, index, out) => {
      const ok = ctor(x) === ctor(out) && index.data instanceof Int32Array && isContiguous(out);
      if (!ok || !pack(meta, 'gather', [x, index, out], [dim])) return js.gather(x, dim, index, out);
      addon.gather(x.data, index.data, out.data);
    },
    scatter: (x, dim, index, src, accumulate, out) => {
      const ok = ctor(x) === ctor(out) && ctor(src) === ctor(out) && index.data instanceof Int32Array && isContiguous(out);
      if (!ok || !pack(meta, 'scatter', [x, index, src, out], [dim, accumulate ? 1 : 0])) return js.scatter(x, dim, index, src, accumulate, out);
      addon.scatter(x.data, index.data, src.data, out.data);
    },
    im2col: (x, p, padValue, out) => {
      if (ctor(x) !== ctor(out) || x.shape.length !== 4) return js.im2col(x, p, padValue, out);
      const w = [...p.kernel, ...p.stride, ...p.padding, ...p.dilation];
      pack(meta, 'im2col', [x, out], [...w, stored(out, padValue)]);
      addon.im2col(x.data, out.data);
    },
    col2im: (cols, p, out) => {
      if (!isFloat(out) || ctor(cols) !== ctor(out) || out.shape.length !== 4) return js.col2im(cols, p, out);
      const w = [...p.kernel, ...p.stride, ...p.padding, ...p.dilation];
      pack(meta, 'col2im', [cols, out], w);
      addon.col2im(cols.data, out.data);
    },
  } satisfies KernelTable;
}

/**
 * The native backend. Throws (with the reason) when the addon cannot load; the registry then
 * keeps the js backend and says why once.
 */
export function createNativeBackend(): Backend {
  const addon = tryAddon();
  if (!addon) throw new ArgumentError(`native backend unavailable: ${addonError() ?? 'unknown reason'}`);
  const kernels = makeTable(addon, createJsBackend().kernels);
  return { name: 'native', kernels, fallbacks: fallbacksOf(kernels) };
}
