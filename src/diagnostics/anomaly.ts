/**
 * Anomaly mode (PyTorch's torch.autograd.detect_anomaly, scoped): while it is on, every op's
 * output is checked for NaN/Inf as it is made, and so is every gradient a backward rule returns.
 * The first op whose output turns non-finite from finite inputs throws an AnomalyError naming the
 * op, the phase, the layer (given the model), the shapes and the input ranges. Off, the hooks in
 * ops and autograd cost one boolean read (src/autograd/anomaly_flag.ts); this file is the checker.
 */
import { anomaly, type AnomalyChecker } from '../autograd/anomaly_flag.js';
import type { Node, VjpContext } from '../autograd/node.js';
import type { Module } from '../nn/module.js';
import { isFloating } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { AnomalyError, type AnomalyDetails, type ValueRange } from './anomaly_error.js';
import { runScoped } from '../scope.js';
import { LayerContext } from '../train/layer_context.js';

export { AnomalyError, type AnomalyDetails, type ValueRange } from './anomaly_error.js';

/** Options of `detectAnomaly` and `setDetectAnomaly`. */
export interface AnomalyOptions {
  /** The model whose submodules name the layer an anomaly happened in ("Linear 'fc1' (layer 0)"). */
  readonly model?: Module;
}

// ---- scanning values (only ever runs with the mode on) ----

function valuesOf(t: Tensor): ArrayLike<number> {
  return t.isContiguous() ? t.data.subarray(t.offset, t.offset + t.numel) : t.toTypedArray();
}

function isAllFinite(t: Tensor): boolean {
  const a = valuesOf(t);
  // NOTE: v - v is NaN for NaN and ±Inf, 0 for every finite v
  for (let i = 0; i < a.length; i++) if (a[i]! - a[i]! !== 0) return false;
  return true;
}

interface Scan extends ValueRange {
  readonly nan: number;
  readonly posInf: number;
  readonly negInf: number;
  readonly total: number;
}

function scan(t: Tensor): Scan {
  const a = valuesOf(t);
  let min = Infinity;
  let max = -Infinity;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v !== v) nan++;
    else {
      if (v === Infinity) posInf++;
      else if (v === -Infinity) negInf++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max, hasNaN: nan > 0, nan, posInf, negInf, total: a.length };
}

const hasInf = (s: Scan): boolean => s.posInf + s.negInf > 0;
const rangeOf = (s: Scan): ValueRange => ({ min: s.min, max: s.max, hasNaN: s.hasNaN });

function badValues(t: Tensor, s: Scan): Pick<AnomalyDetails, 'what' | 'detail'> {
  const sign = s.nan > 0 ? 'NaN' : s.posInf > 0 && s.negInf > 0 ? '±Inf' : s.negInf > 0 ? '-Inf' : 'Inf';
  const count = s.nan > 0 ? s.nan : s.posInf + s.negInf;
  return { what: s.nan > 0 ? 'NaN' : 'Inf', detail: { sign, count, total: s.total, dtype: t.dtype } };
}

// ---- layer names: a stack of open submodules per model being watched ----

/** The running layer of `model` (LayerContext's stack), and the names of its parameters. */
class LayerTracker extends LayerContext {
  private params: Map<Tensor, string> | undefined;

  parameterName(t: Tensor): string | undefined {
    this.params ??= new Map([...this.model.namedParameters()].map(([n, p]) => [p as Tensor, n]));
    return this.params.get(t);
  }
}

/** Trackers of the active scopes, innermost last; `globalTracker` is setDetectAnomaly's. */
const trackers: LayerTracker[] = [];
let globalTracker: LayerTracker | undefined;

function currentLayer(): string | undefined {
  for (let i = trackers.length - 1; i >= 0; i--) {
    const label = trackers[i]!.label();
    if (label !== undefined) return label;
  }
  return undefined;
}

function parameterName(t: Tensor): string | undefined {
  for (const tr of trackers) {
    const name = tr.parameterName(t);
    if (name !== undefined) return name;
  }
  return undefined;
}

// ---- the checks ----

// copy ops whose only new values are a fill constant (-Inf padding for max pooling is intended)
const FILL_OPS = new Set(['pad', 'im2col']);

function checkForward(op: string, inputs: readonly Tensor[], out: Tensor): void {
  if (anomaly.inVjp > 0 || !isFloating(out.dtype) || isAllFinite(out)) return;
  const outScan = scan(out);
  const inScans = inputs.map(scan);
  const base = {
    op, phase: 'forward' as const, layer: currentLayer(), hasModel: trackers.length > 0,
    inputShapes: inputs.map((t) => t.shape), outputShape: out.shape, inputRanges: inScans.map(rangeOf),
  };
  // every op output is checked, so a NaN input that got this far was never an op's output here
  const nanInput = inScans.findIndex((s) => s.hasNaN);
  if (nanInput >= 0) {
    const t = inputs[nanInput]!;
    const parameter = parameterName(t);
    throw new AnomalyError({ ...base, ...badValues(t, inScans[nanInput]!), isFromOutside: true, inputIndex: nanInput, ...(parameter !== undefined ? { parameter } : {}) });
  }
  // NaN is always new here; Inf is new only from finite inputs (Inf in, Inf out is propagation)
  if (outScan.nan === 0 && (inScans.some(hasInf) || FILL_OPS.has(op))) return;
  throw new AnomalyError({ ...base, ...badValues(out, outScan), isFromOutside: false });
}

function checkBackward(node: Node, ctx: VjpContext<unknown>, grads: readonly (Tensor | null)[]): void {
  grads.forEach((g, i) => {
    // NOTE: only gradients the engine will use: pow's exponent gradient is NaN for a negative
    // base, but it is dropped when the exponent does not require grad
    if (g === null || !ctx.inputs[i]!.requiresGrad || !isFloating(g.dtype) || isAllFinite(g)) return;
    const inScans = ctx.inputs.map(scan);
    throw new AnomalyError({
      op: node.name, phase: 'backward', layer: node.layer, hasModel: trackers.length > 0,
      inputShapes: ctx.inputs.map((t) => t.shape), outputShape: ctx.y.shape, inputRanges: inScans.map(rangeOf),
      ...badValues(g, scan(g)), isFromOutside: false, inputIndex: i, gradRange: rangeOf(scan(ctx.dy)),
    });
  });
}

const checker: AnomalyChecker = { forward: checkForward, backward: checkBackward, layer: currentLayer };

// ---- the switch ----

/**
 * True while anomaly mode is on (inside `detectAnomaly`, or after `setDetectAnomaly(true)`).
 * @example isAnomalyEnabled() // false
 */
export function isAnomalyEnabled(): boolean {
  return anomaly.on;
}

/**
 * Turns anomaly mode on or off for everything that follows (torch.autograd.set_detect_anomaly).
 * With `model`, anomalies name the layer; turning the mode off removes that model's hooks.
 * Prefer the scoped `detectAnomaly`, which restores the previous state even when fn throws.
 * @example
 * setDetectAnomaly(true);
 * const on = isAnomalyEnabled();
 * setDetectAnomaly(false);
 * on // true
 */
export function setDetectAnomaly(on: boolean, options: AnomalyOptions = {}): void {
  if (globalTracker !== undefined) {
    globalTracker.remove();
    trackers.splice(trackers.indexOf(globalTracker), 1);
    globalTracker = undefined;
  }
  if (on && options.model !== undefined) {
    globalTracker = new LayerTracker(options.model);
    trackers.unshift(globalTracker);
  }
  anomaly.checker = checker;
  anomaly.on = on;
}

/**
 * Runs `fn` with anomaly mode on: the first op (forward) or backward rule that turns finite values
 * into NaN/Inf throws an AnomalyError naming it. With `model`, the error names the layer too.
 * The previous state is restored when fn returns or throws; an async fn (such as
 * `() => model.fit(...)`) keeps the mode on until its promise settles. Checking costs one pass
 * over every op output, so use it to debug, not for every run.
 * @example
 * let found = '';
 * try { detectAnomaly(() => sqrt(tensor([4, -1]))); } catch (e) { if (e instanceof AnomalyError) found = `${e.phase} ${e.op}`; }
 * found // 'forward sqrt'
 */
export function detectAnomaly<T>(fn: () => T, options: AnomalyOptions = {}): T {
  const prevOn = anomaly.on;
  const tracker = options.model !== undefined ? new LayerTracker(options.model) : undefined;
  if (tracker !== undefined) trackers.push(tracker);
  anomaly.checker = checker;
  anomaly.on = true;
  const restore = (): void => {
    anomaly.on = prevOn;
    if (tracker === undefined) return;
    tracker.remove();
    const i = trackers.lastIndexOf(tracker);
    if (i >= 0) trackers.splice(i, 1);
  };
  return runScoped(fn, restore);
}
