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
import { fits, isContiguous, pack } from './meta.js';

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
  const boolOut = UNARY[name].spec.dtype === 'bool';
  return (x, out) => {
    // int32/bool inputs (and >16-d views) run on js; bool-output ops also take bool inputs natively
    const ok = boolOut ? out.data instanceof Uint8Array && (isFloat(x) || x.data instanceof Uint8Array) : isFloat(x) && ctor(x) === ctor(out);
    if (!ok || !fits(x) || !isContiguous(out)) return js(x, out);
    addon.unary(op, pack(name, [x, out]), x.data, out.data);
  };
}

function makeBinary(addon: NativeAddon, name: BinaryName, js: BinaryKernel): BinaryKernel {
  const op = opIndex(addon.info().binary, name);
  const dt = BINARY[name].spec.dtype;
  const boolOut = dt === 'compare' || dt === 'logical';
  return (a, b, out) => {
    const same = ctor(a) === ctor(b);
    const ok = same && (boolOut ? out.data instanceof Uint8Array && (isFloat(a) || a.data instanceof Uint8Array) : isFloat(a) && ctor(a) === ctor(out));
    if (!ok || !fits(a, b) || !isContiguous(out)) return js(a, b, out);
    addon.binary(op, pack(name, [a, b, out]), a.data, b.data, out.data);
  };
}

const REDUCE_OPS = { sum: 0, prod: 1, amax: 2 } as const;

function makeReduce(addon: NativeAddon, name: keyof typeof REDUCE_OPS, js: ReduceKernel): ReduceKernel {
  return (x, dims, out) => {
    if (!isFloat(x) || ctor(x) !== ctor(out) || !fits(x) || !isContiguous(out)) return js(x, dims, out);
    const flags = x.shape.map((_, d) => (dims.includes(d) ? 1 : 0));
    addon.reduce(REDUCE_OPS[name], pack(name, [x, out], flags), x.data, out.data);
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
  addon.copy(pack('matmul', [a, c]), a.data, data);
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
  return {
    ...unary,
    ...binary,
    // every dtype pair, with the js store rules (float -> int32 truncates and wraps, -> bool is x != 0)
    cast: (x, out) => {
      if (!fits(x) || !isContiguous(out)) return js.cast(x, out);
      addon.cast(pack('cast', [x, out]), x.data, out.data);
    },
    sum: makeReduce(addon, 'sum', js.sum),
    prod: makeReduce(addon, 'prod', js.prod),
    amax: makeReduce(addon, 'amax', js.amax),
    where: (c, a, b, out) => {
      const ok = c.data instanceof Uint8Array && ctor(a) === ctor(out) && ctor(b) === ctor(out);
      if (!ok || !fits(c, a, b) || !isContiguous(out)) return js.where(c, a, b, out);
      addon.where(pack('where', [c, a, b, out]), c.data, a.data, b.data, out.data);
    },
    argmax: (x, dim, out) => {
      if (!(out.data instanceof Int32Array) || !fits(x) || !isContiguous(out)) return js.argmax(x, dim, out);
      addon.argmax(pack('argmax', [x, out], [dim]), x.data, out.data);
    },
    cumsum: (x, dim, out) => {
      if (!isFloat(x) || ctor(x) !== ctor(out) || !fits(x)) return js.cumsum(x, dim, out);
      addon.cumsum(pack('cumsum', [x, out], [dim]), x.data, out.data);
    },
    matmul: matmul
      ? (a, b, out) => {
          if (!isFloat(a) || ctor(a) !== ctor(b) || ctor(a) !== ctor(out) || !isContiguous(out)) return js.matmul(a, b, out);
          const [x, w] = [nonNegative(addon, a), nonNegative(addon, b)];
          matmul(pack('matmul', [x, w, out]), x.data, w.data, out.data);
        }
      : fallbackToJs('matmul'),
    pad: (x, pads, value, out) => {
      if (ctor(x) !== ctor(out) || !fits(x)) return js.pad(x, pads, value, out);
      out.data.fill(value, out.offset, out.offset + numel(out));
      const dst = window(out, pads.map((p) => p[0]), x.shape);
      addon.copy(pack('pad', [x, dst]), x.data, out.data);
    },
    cat: (xs, dim, out) => {
      if (xs.some((x) => ctor(x) !== ctor(out) || !fits(x))) return js.cat(xs, dim, out);
      let at = 0;
      for (const x of xs) {
        const dst = window(out, out.shape.map((_, d) => (d === dim ? at : 0)), x.shape);
        addon.copy(pack('cat', [x, dst]), x.data, out.data);
        at += x.shape[dim]!;
      }
    },
    gather: (x, dim, index, out) => {
      if (ctor(x) !== ctor(out) || !(index.data instanceof Int32Array) || !fits(x) || !isContiguous(out)) return js.gather(x, dim, index, out);
      addon.gather(pack('gather', [x, index, out], [dim]), x.data, index.data, out.data);
    },
    scatter: (x, dim, index, src, accumulate, out) => {
      const ok = ctor(x) === ctor(out) && ctor(src) === ctor(out) && index.data instanceof Int32Array;
      if (!ok || !fits(x, src) || !isContiguous(out)) return js.scatter(x, dim, index, src, accumulate, out);
      addon.scatter(pack('scatter', [x, index, src, out], [dim, accumulate ? 1 : 0]), x.data, index.data, src.data, out.data);
    },
    im2col: (x, p, padValue, out) => {
      if (ctor(x) !== ctor(out) || x.shape.length !== 4) return js.im2col(x, p, padValue, out);
      const w = [...p.kernel, ...p.stride, ...p.padding, ...p.dilation];
      addon.im2col(pack('im2col', [x, out], [...w, stored(out, padValue)]), x.data, out.data);
    },
    col2im: (cols, p, out) => {
      if (!isFloat(out) || ctor(cols) !== ctor(out) || out.shape.length !== 4) return js.col2im(cols, p, out);
      const w = [...p.kernel, ...p.stride, ...p.padding, ...p.dilation];
      addon.col2im(pack('col2im', [cols, out], w), cols.data, out.data);
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
