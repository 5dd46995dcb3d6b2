/**
 * DiagnosticsMonitor: watches a model's layers while it trains and turns what it sees into
 * Findings. Forward hooks read each watched layer's output on sampled steps; after the optimizer
 * step it reads every parameter's gradient (still on `.grad` until the next zeroGrad), weight and
 * change. It only reads typed arrays, never builds graph nodes and keeps no tensor across steps.
 * Drives: `Diagnostics` (the fit callback, callback.ts) or beginStep/endStep in your own loop.
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import type { Parameter } from '../nn/parameter.js';
import { Tensor } from '../tensor/tensor.js';
import { type TypedArray, isFloating } from '../tensor/dtype.js';
import { ReLU } from '../nn/layers/relu.js';
import { LeakyReLU } from '../nn/layers/leaky_relu.js';
import { PReLU } from '../nn/layers/prelu.js';
import { ELU } from '../nn/layers/elu.js';
import { SELU } from '../nn/layers/selu.js';
import { GELU } from '../nn/layers/gelu.js';
import { SiLU } from '../nn/layers/silu.js';
import { Mish } from '../nn/layers/mish.js';
import { Sigmoid } from '../nn/layers/sigmoid.js';
import { Tanh } from '../nn/layers/tanh.js';
import { Softplus } from '../nn/layers/softplus.js';
import { ActivationProbe, type DeadUnitState, DeadUnitWindow, paramSums, snapshot, sumSquares } from './probe.js';
import { type NonFiniteEvent, findingKey, newFindings } from './rules.js';
import type { DiagnosticsReport, Finding, LayerInfo, LayerStats, StepRecord } from './types.js';
import { layerList } from '../nn/layer_list.js';

/** How the monitor samples and reports. */
export interface DiagnosticsOptions {
  /** Measure every `every`-th step (steps where step % every === 0); default 10. */
  every?: number;
  /** Samples in the dead-unit window, counted over sampled steps only; default 2000. */
  window?: number;
  /** Step records kept; beyond it the older ones are thinned (every other dropped); default 1000. */
  maxRecords?: number;
  /** Called once for each new finding, when it is found. */
  onFinding?: (finding: Finding) => void;
}

/** What `stateDict` returns: enough to continue a run's diagnostics after a resume. */
export interface DiagnosticsState {
  version: 1;
  steps: StepRecord[];
  findings: Finding[];
  units: (DeadUnitState | null)[];
  nextStep: number;
}

/** ReLU family: "dead" means never positive. Softplus (always positive) is watched as 'other'. */
const RELU_FAMILY = [ReLU, LeakyReLU, PReLU, ELU, SELU, GELU, SiLU, Mish];

function activationOf(m: Module): LayerInfo['activation'] | undefined {
  if (RELU_FAMILY.some((cls) => m instanceof cls)) return 'relu';
  if (m instanceof Sigmoid) return 'sigmoid';
  if (m instanceof Tanh) return 'tanh';
  if (m instanceof Softplus) return 'other';
  return undefined;
}

interface Watched {
  readonly info: LayerInfo;
  readonly params: readonly Parameter[];
  readonly probe: ActivationProbe;
  readonly dead: DeadUnitWindow | undefined;
  /** Weights as they were at beginStep of a sampled step (buffers reused). */
  before: (TypedArray | undefined)[];
  hasRun: boolean;
}

/** Records nothing with `n` records or fewer; else drops every other of the older ones, keeping the newest 64. */
function thin<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const keep = Math.min(64, xs.length);
  return [...xs.slice(0, -keep).filter((_, i) => i % 2 === 0), ...xs.slice(-keep)];
}

/**
 * Watches every module with parameters and every activation module (ReLU family, Sigmoid, Tanh,
 * Softplus) of `model`. Call `beginStep()` before a training step's forward and `endStep(loss)`
 * after its optimizer step; every `every`-th step is measured. Findings arrive through
 * `onFinding` and `findings`; `report()` is the whole record as JSON-ready data.
 * @example
 * manualSeed(0);
 * const model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
 * const opt = new SGD(model.parameters(), { lr: 0.1 });
 * const mon = new DiagnosticsMonitor(model, { every: 1 });
 * const x = randn([16, 2]);
 * mon.beginStep();
 * opt.zeroGrad();
 * const loss = model.call(x).square().mean();
 * loss.backward();
 * opt.step();
 * mon.endStep(loss);
 * mon.detach();
 * mon.report().layers.map((l) => l.type) // ['Linear', 'ReLU', 'Linear']
 */
export class DiagnosticsMonitor {
  readonly every: number;
  readonly window: number;
  private readonly maxRecords: number;
  private readonly onFinding: ((f: Finding) => void) | undefined;
  private readonly watched: Watched[] = [];
  private readonly removers: (() => void)[] = [];
  private steps: StepRecord[] = [];
  private found: Finding[] = [];
  private readonly reported = new Set<string>();
  private order: number[] = [];
  private nextStep = 0;
  private current: { step: number; epoch: number; isSampled: boolean } | undefined;

  constructor(readonly model: Module, opts: DiagnosticsOptions = {}) {
    this.every = positiveInt('every', opts.every ?? 10);
    this.window = positiveInt('window', opts.window ?? 2000);
    this.maxRecords = positiveInt('maxRecords', opts.maxRecords ?? 1000);
    this.onFinding = opts.onFinding;
    for (const { name, index: position, module } of layerList(model)) {
      const params = [...module.parameters(false)];
      const activation = activationOf(module);
      if (params.length === 0 && activation === undefined) continue;
      const info: LayerInfo = { name, index: position, type: module.constructor.name, activation: activation ?? 'other', hasParameters: params.length > 0 };
      const w: Watched = { info, params, probe: new ActivationProbe(info.activation), dead: info.activation === 'relu' ? new DeadUnitWindow(this.window) : undefined, before: [], hasRun: false };
      const slot = this.watched.length;
      this.watched.push(w);
      // passive off sampled steps (observe ignores those), so layer fusion stays on for them
      this.removers.push(module.registerForwardHook((_m, _xs, y) => this.observe(slot, y), { passive: () => !this.isSampling }));
    }
  }

  /** The watched layers, in `namedModules()` order. */
  get layers(): readonly LayerInfo[] {
    return this.watched.map((w) => w.info);
  }

  /** Every finding so far, each once, in the order found. */
  get findings(): readonly Finding[] {
    return this.found;
  }

  /** True between beginStep and endStep of a measured step. */
  get isSampling(): boolean {
    return this.current?.isSampled ?? false;
  }

  /**
   * Starts a training step (before its forward): `step` is the 0-based optimizer step over the
   * whole run (default: one more than the last). On sampled steps it snapshots the weights.
   */
  beginStep(step: number = this.nextStep, epoch = 0): void {
    const isSampled = step % this.every === 0;
    this.current = { step, epoch, isSampled };
    if (!isSampled) return;
    this.order = [];
    for (const w of this.watched) {
      w.probe.reset();
      w.hasRun = false;
      w.before = w.params.map((p, i) => snapshot(p, w.before[i]));
    }
  }

  /**
   * Ends the step (after optimizer.step, before the next zeroGrad): reads gradients, weights and
   * updates on sampled steps, checks the loss on every step, runs the rules. Returns the new findings.
   */
  endStep(loss: number | Tensor | null = null): Finding[] {
    const cur = this.current;
    if (cur === undefined) throw new ArgumentError('DiagnosticsMonitor.endStep: called without beginStep()');
    this.current = undefined;
    this.nextStep = cur.step + 1;
    const value = loss instanceof Tensor ? loss.item() : loss;
    const isLossBad = value !== null && !Number.isFinite(value);
    // a non-finite loss is measured even off-sample, once, so the finding can name a layer
    if (!cur.isSampled && !(isLossBad && !this.reported.has('NON_FINITE'))) return [];
    const layers = this.watched.map((w) => this.measure(w, cur.isSampled));
    this.steps = thin([...this.steps, { step: cur.step, epoch: cur.epoch, loss: isLossBad ? null : value, layers }], this.maxRecords);
    const fresh = newFindings(
      { layers: this.layers, steps: this.steps, window: this.window, samplesSeen: this.watched.map((w) => w.dead?.seen ?? 0), order: this.order, nonFinite: this.nonFiniteAt(cur.step, isLossBad, cur.isSampled) },
      this.reported,
    );
    for (const f of fresh) {
      this.reported.add(findingKey(f));
      this.found.push(f);
      this.onFinding?.(f);
    }
    return fresh;
  }

  /** Runs one training step between beginStep and endStep; `fn` returns the loss. */
  step(fn: () => number | Tensor, step?: number, epoch?: number): Finding[] {
    this.beginStep(step, epoch);
    return this.endStep(fn());
  }

  /** The whole record (what `diagnostics.json` holds). */
  report(): DiagnosticsReport {
    return { version: 1, every: this.every, window: this.window, layers: this.layers, steps: [...this.steps], findings: [...this.found] };
  }

  /** Removes the hooks; the record and findings stay readable. */
  detach(): void {
    for (const r of this.removers.splice(0)) r();
    for (const w of this.watched) w.before = [];
    this.current = undefined;
  }

  stateDict(): DiagnosticsState {
    return { version: 1, steps: [...this.steps], findings: [...this.found], units: this.watched.map((w) => w.dead?.state() ?? null), nextStep: this.nextStep };
  }

  /** Restores `stateDict()` output; dead-unit windows only where the layers still match. */
  loadStateDict(state: unknown): void {
    const s = state as Partial<DiagnosticsState> | null;
    if (s === null || typeof s !== 'object' || s.version !== 1 || !Array.isArray(s.steps) || !Array.isArray(s.findings)) {
      throw new ArgumentError('DiagnosticsMonitor.loadStateDict: not a diagnostics state (expected { version: 1, steps, findings, … })');
    }
    this.steps = [...s.steps];
    this.found = [...s.findings];
    this.reported.clear();
    for (const f of this.found) this.reported.add(findingKey(f));
    this.nextStep = typeof s.nextStep === 'number' ? s.nextStep : 0;
    const units = Array.isArray(s.units) && s.units.length === this.watched.length ? s.units : [];
    units.forEach((u, i) => {
      if (u !== null && this.watched[i]!.dead !== undefined) this.watched[i]!.dead!.load(u);
    });
  }

  /** The forward hook: adds a watched layer's output to its step statistics on sampled steps. */
  private observe(slot: number, y: Tensor): void {
    if (!this.isSampling || !isFloating(y.dtype)) return;
    const w = this.watched[slot]!;
    if (!w.hasRun) {
      w.hasRun = true;
      this.order.push(slot);
    }
    w.probe.add(y);
  }

  /** One layer's stats for the step; activation ones only when it ran on a sampled step. */
  private measure(w: Watched, isSampled: boolean): LayerStats {
    const p = w.probe;
    const ran = isSampled && w.hasRun;
    if (ran && w.dead !== undefined && p.fired !== undefined) w.dead.update(p.fired, p.samples);
    const befores = isSampled ? w.before : [];
    let grad: number | null = null;
    let weight = 0;
    let change = 0;
    let weightBefore = 0;
    for (let i = 0; i < w.params.length; i++) {
      const param = w.params[i]!;
      const before = befores[i];
      if (before === undefined) {
        if (param.grad !== null) grad = (grad ?? 0) + sumSquares(param.grad);
        weight += sumSquares(param);
        continue;
      }
      const sums = paramSums(param, before, param.grad);
      if (sums.grad !== null) grad = (grad ?? 0) + sums.grad;
      weight += sums.weight;
      change += sums.change;
      weightBefore += sums.before;
    }
    const hasParams = w.params.length > 0;
    return {
      actMean: ran ? p.mean : null,
      actStd: ran ? p.std : null,
      deadFraction: ran ? w.dead?.deadFraction() ?? null : null,
      saturatedFraction: ran && !p.isNonFinite ? p.saturatedFraction : null,
      gradNorm: finiteSqrt(grad),
      weightNorm: hasParams ? finiteSqrt(weight) : null,
      updateRatio: befores.length > 0 && weightBefore > 0 ? finiteOrNull(Math.sqrt(change / weightBefore)) : null,
    };
  }

  /** Where a NaN/Inf first shows this step: a layer's output (forward order), the loss, a gradient (last layer first), a weight. */
  private nonFiniteAt(step: number, isLossBad: boolean, isSampled: boolean): NonFiniteEvent | undefined {
    if (this.reported.has('NON_FINITE')) return undefined;
    const last = this.steps.at(-1)!;
    const out = isSampled ? this.order.find((i) => this.watched[i]!.probe.isNonFinite) : undefined;
    if (out !== undefined) return { step, where: 'output', layer: out };
    if (isLossBad) return { step, where: 'loss' };
    const forward = this.order.length ? this.order : this.watched.map((_, i) => i);
    const badGrad = [...forward].reverse().find((i) => this.watched[i]!.params.some((p) => p.grad !== null) && last.layers[i]!.gradNorm === null);
    if (badGrad !== undefined) return { step, where: 'gradient', layer: badGrad };
    const badWeight = forward.find((i) => this.watched[i]!.info.hasParameters && last.layers[i]!.weightNorm === null);
    if (badWeight !== undefined) return { step, where: 'weight', layer: badWeight };
    return undefined;
  }
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
const finiteSqrt = (x: number | null): number | null => (x === null ? null : finiteOrNull(Math.sqrt(x)));

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new ArgumentError(`DiagnosticsMonitor: ${name} must be a positive integer, got ${v}`);
  return v;
}
