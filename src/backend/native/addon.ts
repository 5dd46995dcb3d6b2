/**
 * Loads the native addon (build/Release/myelin.node, built by `npm install` through
 * tools/native_build.mjs) once, and says why when it cannot. MYELIN_NATIVE_ADDON overrides the
 * path (the ASan run and the fallback test use it). Not the kernel table: see index.ts.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TypedArray } from '../../tensor/dtype.js';

/** What the addon reports about itself. */
export interface AddonInfo {
  /** The kernel variant dispatch chose: 'avx512', 'avx2' or 'portable'. */
  readonly isa: string;
  /** Elementwise ops the addon was generated with, in its op-index order. */
  readonly unary: readonly string[];
  readonly binary: readonly string[];
  /** Whether the thread pool (threads.cc) and GEMM (gemm.cc) were compiled in. */
  readonly threads: boolean;
  readonly gemm: boolean;
  readonly maxDims: number;
  /** The calling convention's version; must equal ABI. */
  readonly abi: number;
}

/** The addon calling convention this code speaks (native/src/addon.cc, kAbiVersion). */
const ABI = 3;

/**
 * The addon's functions. Before each call the views are described in `meta` (see meta.ts); the
 * arrays passed are the views' storage, read and written in place.
 */
export interface NativeAddon {
  /** Owned by the addon (one per worker): the views of the next call, written by pack(). */
  readonly meta: Float64Array;
  info(): AddonInfo;
  unary(op: number, x: TypedArray, out: TypedArray): void;
  binary(op: number, a: TypedArray, b: TypedArray, out: TypedArray): void;
  reduce(op: number, x: TypedArray, out: TypedArray): void;
  copy(x: TypedArray, out: TypedArray): void;
  cast(x: TypedArray, out: TypedArray): void;
  where(cond: TypedArray, a: TypedArray, b: TypedArray, out: TypedArray): void;
  argmax(x: TypedArray, out: TypedArray): void;
  cumsum(x: TypedArray, out: TypedArray): void;
  gather(x: TypedArray, index: TypedArray, out: TypedArray): void;
  scatter(x: TypedArray, index: TypedArray, src: TypedArray, out: TypedArray): void;
  im2col(x: TypedArray, out: TypedArray): void;
  col2im(cols: TypedArray, out: TypedArray): void;
  /** Present only when the addon was built with gemm.cc. */
  matmul?(a: TypedArray, b: TypedArray, out: TypedArray): void;
  /**
   * Fused optimizer steps on float32 arrays of one length (optim.cc), bit-identical to the JS
   * loops in src/optim; absent in addons built before them. Callers: src/optim/native.ts.
   */
  sgdUpdate?(w: Float32Array, grad: Float32Array, buf: Float32Array | null, wd: number, mu: number, damp: number, alpha: number, flags: number): void;
  adamUpdate?(
    w: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null,
    decay: number, wd: number, b1: number, c1: number, b2: number, c2: number, negStep: number, bc2Sqrt: number, eps: number, flags: number,
  ): void;
  /**
   * out[0..3] = Σ w², Σ (w − before)², Σ before², Σ grad² (0 for null) in float64; float32 arrays of
   * one length. Absent in older addons. Caller: sums.ts.
   */
  paramSums?(w: Float32Array, before: Float32Array | null, grad: Float32Array | null, out: Float64Array): void;
  setNumThreads(n: number): void;
  getNumThreads(): number;
}

const ROOT = new URL('../../../', import.meta.url);
/** Written by tools/native_build.mjs when the build failed: the reason, for the warning. */
const BUILD_ERROR = fileURLToPath(new URL('build/myelin_build_error.txt', ROOT));

let state: { addon: NativeAddon } | { error: string } | undefined;

function env(name: string): string | undefined {
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return v === '' ? undefined : v;
}

function addonPath(): string {
  const override = env('MYELIN_NATIVE_ADDON');
  return override !== undefined ? resolve(override) : fileURLToPath(new URL('build/Release/myelin.node', ROOT));
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s;
}

function load(): { addon: NativeAddon } | { error: string } {
  const path = addonPath();
  if (!existsSync(path)) {
    if (env('MYELIN_NATIVE_ADDON') !== undefined) return { error: `native addon ${path} (MYELIN_NATIVE_ADDON) does not exist` };
    const why = existsSync(BUILD_ERROR) ? `its build failed: ${firstLine(readFileSync(BUILD_ERROR, 'utf8'))}` : 'it was not built (run npm install)';
    return { error: `native addon ${path} is missing: ${why}` };
  }
  try {
    const addon = createRequire(import.meta.url)(path) as NativeAddon;
    const abi = typeof addon.info === 'function' ? addon.info().abi : undefined;
    if (abi !== ABI) return { error: `native addon ${path} is out of date (ABI ${abi ?? 'unknown'}, expected ${ABI}): rebuild it with npm install` };
    const threads = env('MYELIN_NUM_THREADS');
    if (threads !== undefined) {
      const n = Number(threads);
      if (Number.isInteger(n) && n >= 1) addon.setNumThreads(n);
    }
    return { addon };
  } catch (e) {
    return { error: `native addon ${path} failed to load: ${firstLine(e instanceof Error ? e.message : String(e))}` };
  }
}

/** The addon, or undefined when it cannot load (`addonError()` says why). Loads once. */
export function tryAddon(): NativeAddon | undefined {
  state ??= load();
  return 'addon' in state ? state.addon : undefined;
}

/** Why the addon did not load, or undefined when it did. */
export function addonError(): string | undefined {
  state ??= load();
  return 'error' in state ? state.error : undefined;
}
