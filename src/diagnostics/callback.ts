/**
 * Diagnostics: the `fit` callback around DiagnosticsMonitor. It attaches the monitor when
 * training begins, brackets every batch with beginStep/endStep (fit's global step numbers, the
 * batch's own loss) and detaches at the end; its record travels in checkpoints, so a resumed run
 * keeps its findings and charts. Printing and files are the caller's (the CLI's) business.
 */
import { Callback } from '../train/callbacks/callback.js';
import { DiagnosticsMonitor, type DiagnosticsOptions, type DiagnosticsState } from './monitor.js';
import type { DiagnosticsReport, Finding } from './types.js';

/**
 * Watches a `fit` run's layers and reports findings (dead units, saturation, vanishing or
 * exploding gradients, a learning rate too high, NaN/Inf) once each, as they appear.
 * @example
 * manualSeed(0);
 * const model = compile(new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2)), { optimizer: 'adam', loss: 'crossEntropy' });
 * const { x, y } = moons(64, { seed: 0 });
 * const diagnostics = new Diagnostics({ every: 1, onFinding: (f) => console.log(f.message) });
 * // await fit(model, x, y, { epochs: 2, batchSize: 16, callbacks: [diagnostics] });
 * // diagnostics.findings is then [] and diagnostics.report().steps.length is 8
 * diagnostics.findings.length // 0
 */
export class Diagnostics extends Callback {
  private readonly opts: DiagnosticsOptions;
  private monitor: DiagnosticsMonitor | undefined;
  private pending: DiagnosticsState | undefined;
  private last: DiagnosticsReport | undefined;

  constructor(opts: DiagnosticsOptions = {}) {
    super();
    this.opts = opts;
  }

  /** Findings so far, each once, in the order found. */
  get findings(): readonly Finding[] {
    return this.monitor?.findings ?? this.last?.findings ?? this.pending?.findings ?? [];
  }

  /** The record so far (what the CLI writes to diagnostics.json). */
  report(): DiagnosticsReport {
    if (this.monitor !== undefined) return this.monitor.report();
    if (this.last !== undefined) return this.last;
    const every = this.opts.every ?? 10;
    const window = this.opts.window ?? 2000;
    return { version: 1, every, window, layers: [], steps: this.pending?.steps ?? [], findings: this.pending?.findings ?? [] };
  }

  override onTrainBegin(): void {
    this.monitor?.detach();
    this.monitor = new DiagnosticsMonitor(this.model, this.opts);
    // a resumed run's state, or the previous fit's when the same callback trains again
    if (this.pending !== undefined) this.monitor.loadStateDict(this.pending);
    this.pending = undefined;
    this.last = undefined;
  }

  override onBatchBegin(): void {
    this.monitor?.beginStep(this.context.step, this.context.epoch);
  }

  override onBatchEnd(): void {
    this.monitor?.endStep(this.context.batchLoss ?? null);
  }

  override onTrainEnd(): void {
    if (this.monitor === undefined) return;
    this.monitor.detach();
    this.last = this.monitor.report();
    this.pending = this.monitor.stateDict();
    this.monitor = undefined;
  }

  override stateDict(): DiagnosticsState | undefined {
    return this.monitor?.stateDict() ?? this.pending;
  }

  override loadStateDict(state: unknown): void {
    this.pending = state as DiagnosticsState;
    this.last = undefined;
  }
}
