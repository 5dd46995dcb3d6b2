/**
 * The measuring loops of the diagnostics monitor: plain typed-array passes over a layer's output
 * or a parameter's storage. Nothing here builds graph nodes, allocates tensors or keeps a tensor
 * after returning, so measuring cannot change training or hold memory across steps.
 */
import type { Tensor } from '../tensor/tensor.js';
import type { TypedArray } from '../tensor/dtype.js';
import type { LayerInfo } from './types.js';
import { nativeParamSums } from '../backend/native/sums.js';

/** A tensor's elements row-major: its own storage when contiguous, else a copy. */
function elements(t: Tensor): { data: TypedArray; offset: number } {
  return t.isContiguous() ? { data: t.data, offset: t.offset } : { data: t.toTypedArray(), offset: 0 };
}

/** A float32 tensor's own elements as one array (a view, no copy), when it has them in order. */
function denseF32(t: Tensor): Float32Array | undefined {
  return t.data instanceof Float32Array && t.isContiguous() ? t.data.subarray(t.offset, t.offset + t.numel) : undefined;
}

/** Σ x² over a tensor's elements, in float64 (NaN/Inf propagate). */
export function sumSquares(t: Tensor): number {
  // the native one-pass kernel when it can read the storage in place; the loop below is the reference
  const x = denseF32(t);
  const fast = x === undefined ? undefined : nativeParamSums(x, null, null);
  if (fast !== undefined) return fast[0];
  const { data, offset } = elements(t);
  const end = offset + t.numel;
  // NOTE: four running sums, so the adds do not wait on each other (about 25% faster in V8)
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  let i = offset;
  for (; i + 3 < end; i += 4) {
    s0 += data[i]! * data[i]!;
    s1 += data[i + 1]! * data[i + 1]!;
    s2 += data[i + 2]! * data[i + 2]!;
    s3 += data[i + 3]! * data[i + 3]!;
  }
  for (; i < end; i++) s0 += data[i]! * data[i]!;
  return s0 + s1 + s2 + s3;
}

/** Sums of squares a sampled step needs of one parameter: Σ w², Σ (w − before)², Σ before², Σ grad². */
export interface ParamSums {
  weight: number;
  change: number;
  before: number;
  /** null when the parameter has no gradient. */
  grad: number | null;
}

/**
 * One pass over a parameter, its snapshot from before the step and its gradient (all the same
 * size), in float64: the weight norm, the update's norm, the old weight norm and the gradient norm.
 */
export function paramSums(w: Tensor, before: TypedArray, grad: Tensor | null): ParamSums {
  const n = w.numel;
  const wd = denseF32(w);
  const gd = grad === null || grad.numel !== n ? null : denseF32(grad);
  if (wd !== undefined && gd !== undefined && before.length === n) {
    const fast = nativeParamSums(wd, before, gd);
    if (fast !== undefined) {
      const g = grad === null ? null : gd === null ? sumSquares(grad) : fast[3];
      return { weight: fast[0], change: fast[1], before: fast[2], grad: g };
    }
  }
  const { data, offset } = elements(w);
  let [weight, change, old, g2] = [0, 0, 0, 0];
  if (grad === null || grad.numel !== n) {
    for (let i = 0; i < n; i++) {
      const x = data[offset + i]!;
      const b = before[i]!;
      weight += x * x;
      change += (x - b) * (x - b);
      old += b * b;
    }
    return { weight, change, before: old, grad: grad === null ? null : sumSquares(grad) };
  }
  const { data: g, offset: go } = elements(grad);
  for (let i = 0; i < n; i++) {
    const x = data[offset + i]!;
    const b = before[i]!;
    const d = g[go + i]!;
    weight += x * x;
    change += (x - b) * (x - b);
    old += b * b;
    g2 += d * d;
  }
  return { weight, change, before: old, grad: g2 };
}

/** Copies a tensor's elements into `into` (reused when the size fits); returns the copy. */
export function snapshot(t: Tensor, into: TypedArray | undefined): TypedArray {
  const { data, offset } = elements(t);
  const out = into !== undefined && into.length === t.numel && into.constructor === data.constructor ? into : new (data.constructor as new (n: number) => TypedArray)(t.numel);
  out.set(data.subarray(offset, offset + t.numel) as never);
  return out;
}

/**
 * One layer's output statistics over one step (summed over every forward call in it): mean,
 * standard deviation, saturated outputs, which units fired. A unit is a feature of an [N, F]
 * output and a channel (dim 1) of [N, C, …]; "fired" means some output of the unit was > 0.
 */
export class ActivationProbe {
  count = 0;
  sum = 0;
  sumSquares = 0;
  saturated = 0;
  /** Batch rows seen this step. */
  samples = 0;
  /** Per unit: 1 when it fired this step (ReLU family only; undefined until the first output). */
  fired: Uint8Array | undefined;

  constructor(readonly kind: LayerInfo['activation']) {}

  reset(): void {
    this.count = this.sum = this.sumSquares = this.saturated = this.samples = 0;
    this.fired?.fill(0);
  }

  /** Adds one output; y: (N, C, …) or (N, F) (per-unit tracking needs ≥ 2 dims), float32/float64. */
  add(y: Tensor): void {
    const { data, offset } = elements(y);
    const n = y.numel;
    let sum = 0;
    let sq = 0;
    let sat = 0;
    for (let i = offset, end = offset + n; i < end; i++) {
      const v = data[i]!;
      sum += v;
      sq += v * v;
    }
    if (this.kind === 'tanh') for (let i = offset, end = offset + n; i < end; i++) sat += data[i]! > 0.99 || data[i]! < -0.99 ? 1 : 0;
    if (this.kind === 'sigmoid') for (let i = offset, end = offset + n; i < end; i++) sat += data[i]! > 0.99 || data[i]! < 0.01 ? 1 : 0;
    if (this.kind === 'relu' && y.ndim >= 2) this.markFired(data, offset, y.shape);
    this.count += n;
    this.sum += sum;
    this.sumSquares += sq;
    this.saturated += sat;
    this.samples += y.ndim >= 1 ? y.shape[0]! : 1;
  }

  private markFired(data: TypedArray, offset: number, shape: readonly number[]): void {
    const units = shape[1]!;
    if (this.fired === undefined || this.fired.length !== units) this.fired = new Uint8Array(units);
    const fired = this.fired;
    const inner = shape.slice(2).reduce((a, b) => a * b, 1);
    const rows = shape[0]!;
    for (let c = 0; c < units; c++) {
      if (fired[c]) continue;
      // NOTE: stops at the first positive output of the unit; dead units cost a full scan
      scan: for (let r = 0; r < rows; r++) {
        const base = offset + (r * units + c) * inner;
        for (let k = 0; k < inner; k++) {
          if (data[base + k]! > 0) {
            fired[c] = 1;
            break scan;
          }
        }
      }
    }
  }

  get isNonFinite(): boolean {
    return !Number.isFinite(this.sum) || !Number.isFinite(this.sumSquares);
  }

  get mean(): number | null {
    return this.count > 0 && !this.isNonFinite ? this.sum / this.count : null;
  }

  get std(): number | null {
    const m = this.mean;
    return m === null ? null : Math.sqrt(Math.max(0, this.sumSquares / this.count - m * m));
  }

  get saturatedFraction(): number | null {
    return (this.kind === 'sigmoid' || this.kind === 'tanh') && this.count > 0 ? this.saturated / this.count : null;
  }
}

/** What a `DeadUnitWindow` saves: samples seen and, per unit, the count when it last fired (-1: never). */
export interface DeadUnitState {
  seen: number;
  lastFired: number[];
}

/**
 * Which units fired within the last `window` samples (of those the monitor looked at). Per unit,
 * the sample count at the end of the last step in which it fired; a unit is dead when it never
 * fired or `window` samples have passed since. O(units) memory however long the window.
 */
export class DeadUnitWindow {
  seen = 0;
  lastFired: Float64Array = new Float64Array(0);

  constructor(readonly window: number) {}

  /** Records one step: `samples` rows, `fired[u]` = 1 where unit u fired in them. */
  update(fired: Uint8Array, samples: number): void {
    if (this.lastFired.length !== fired.length) this.lastFired = new Float64Array(fired.length).fill(-1);
    this.seen += samples;
    for (let u = 0; u < fired.length; u++) if (fired[u]) this.lastFired[u] = this.seen;
  }

  /** Fraction of units silent over the last min(window, seen) samples; null before any. */
  deadFraction(): number | null {
    const units = this.lastFired.length;
    if (units === 0 || this.seen === 0) return null;
    let dead = 0;
    for (let u = 0; u < units; u++) if (this.lastFired[u]! < 0 || this.seen - this.lastFired[u]! >= this.window) dead++;
    return dead / units;
  }

  state(): DeadUnitState {
    return { seen: this.seen, lastFired: Array.from(this.lastFired) };
  }

  load(s: DeadUnitState): void {
    this.seen = s.seen;
    this.lastFired = Float64Array.from(s.lastFired);
  }
}
