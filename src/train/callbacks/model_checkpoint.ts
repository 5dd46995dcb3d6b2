/**
 * ModelCheckpoint: after each epoch, writes a full training checkpoint (model, optimizer,
 * scheduler, epoch/step, RNG streams and callback state) atomically with io's saveCheckpoint,
 * always or only when the monitored value improves. `fit(..., { resumeFrom: path })` continues
 * from such a file exactly. Runs after the other callbacks, so it saves their updated state.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArgumentError } from '../../errors.js';
import { saveCheckpoint } from '../../io/checkpoint.js';
import { Callback, type Logs } from './callback.js';
import { type MonitorMode, isImprovement, readMonitor, resolveMode } from './monitor.js';
import type { OutputStream } from './progress_bar.js';

export interface ModelCheckpointOptions {
  /** Log key compared for saveBestOnly (default 'val_loss'). */
  monitor?: string;
  /** Write only when the monitored value is the best so far (default false: every epoch). */
  saveBestOnly?: boolean;
  /** 'auto' (default), 'min' or 'max'. */
  mode?: MonitorMode;
  /** 1: print a line when saving (default 0). */
  verbose?: 0 | 1;
  /** Where verbose lines go (default process.stdout). */
  stream?: OutputStream;
}

/**
 * `filepath` with `{epoch}` (1-based, as Keras), `{epoch:03d}` or a log key such as `{val_loss:.4f}`
 * filled in.
 * @example formatCheckpointPath('ckpt/e{epoch:02d}-{val_loss:.2f}.safetensors', 2, { val_loss: 0.4567 }) // 'ckpt/e03-0.46.safetensors'
 */
export function formatCheckpointPath(filepath: string, epoch: number, logs: Logs): string {
  return filepath.replace(/\{(\w+)(?::(0?)(\d*)([df]?)|:\.(\d+)f)?\}/g, (whole, key: string, zero = '', width = '', kind = '', decimals?: string) => {
    const v = key === 'epoch' ? epoch + 1 : logs[key];
    if (v === undefined) throw new ArgumentError(`ModelCheckpoint: filepath field ${whole} is not 'epoch' nor in the logs [${Object.keys(logs).join(', ')}]`);
    let s = decimals !== undefined ? v.toFixed(Number(decimals)) : kind === 'd' ? String(Math.round(v)) : String(v);
    if (width) s = s.padStart(Number(width), zero === '0' ? '0' : ' ');
    return s;
  });
}

/**
 * Saves training checkpoints during fit.
 * @example
 * const ckpt = new ModelCheckpoint('runs/best.safetensors', { monitor: 'val_accuracy', saveBestOnly: true });
 * ckpt.mode // 'max'
 */
export class ModelCheckpoint extends Callback {
  override readonly runsLast = true;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly mode: 'min' | 'max';
  /** Best monitored value written so far. */
  best: number;
  /** Path of the last file written. */
  lastSaved: string | undefined;
  private readonly verbose: 0 | 1;
  private readonly stream: OutputStream | undefined;

  constructor(readonly filepath: string, opts: ModelCheckpointOptions = {}) {
    super();
    if (typeof filepath !== 'string' || filepath === '') throw new ArgumentError('ModelCheckpoint: filepath must be a non-empty string');
    this.monitor = opts.monitor ?? 'val_loss';
    this.saveBestOnly = opts.saveBestOnly ?? false;
    this.mode = resolveMode('ModelCheckpoint', this.monitor, opts.mode);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.verbose = opts.verbose ?? 0;
    this.stream = opts.stream;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const path = formatCheckpointPath(this.filepath, epoch, logs);
    let note = '';
    if (this.saveBestOnly) {
      const current = readMonitor('ModelCheckpoint', this.monitor, logs);
      if (!isImprovement(this.mode, current, this.best)) {
        this.say(`Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best}`);
        return;
      }
      note = `${this.monitor} improved from ${this.best} to ${current}, `;
      this.best = current;
    }
    mkdirSync(dirname(path), { recursive: true });
    saveCheckpoint(path, this.context.checkpointState());
    this.lastSaved = path;
    this.say(`Epoch ${epoch + 1}: ${note}saving checkpoint to ${path}`);
  }

  private say(line: string): void {
    if (this.verbose === 1) (this.stream ?? process.stdout).write(`${line}\n`);
  }

  override stateDict(): { best: number } {
    return { best: this.best };
  }

  override loadStateDict(state: unknown): void {
    this.best = (state as { best: number }).best;
  }
}
