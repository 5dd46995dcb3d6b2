/**
 * ProgressBar: fit's console output (Keras's ProgbarLogger). On a TTY, a per-batch bar with the
 * running loss and metrics, samples/s and ETA, redrawn in place; otherwise (CI logs, pipes, or
 * mode 'line') exactly one plain line per epoch. The stream and the clock are injectable.
 */
import { ArgumentError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';

/** Where the bar is written: process.stdout or anything with `write` (and `isTTY`). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressBarOptions {
  /** 'bar' (default): a live bar on a TTY, one line per epoch otherwise; 'line': always one line per epoch. */
  mode?: 'bar' | 'line';
  /** Default process.stdout. */
  stream?: OutputStream;
  /** Milliseconds clock (default performance.now). */
  now?: () => number;
  /** Bar width in characters (default 30). */
  width?: number;
  /** Least milliseconds between two redraws of the bar (default 50). */
  interval?: number;
}

/**
 * Keras's number format: 4 decimals, or scientific when tiny.
 * @example [formatValue(0.69314), formatValue(0.00002)] // ['0.6931', '2.0000e-5']
 */
export function formatValue(v: number): string {
  return v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(4) : v.toFixed(4);
}

/**
 * A duration in seconds as 7s, 1:05 or 1:02:03.
 * @example [formatDuration(7.2), formatDuration(65), formatDuration(3723)] // ['7s', '1:05', '1:02:03']
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const logText = (logs: Logs): string => Object.entries(logs).map(([k, v]) => ` - ${k}: ${formatValue(v)}`).join('');

/**
 * Prints training progress. fit adds one unless verbose is 0 or you pass your own.
 * @example
 * const lines: string[] = [];
 * const bar = new ProgressBar({ stream: { write: (s) => lines.push(s), isTTY: false }, now: () => 0 });
 * bar.formatLine(0, 2, { loss: 0.5 }, 2000, 64) // 'Epoch 1/2 - 2s - 32 samples/s - loss: 0.5000'
 */
export class ProgressBar extends Callback {
  private readonly stream: OutputStream;
  private readonly now: () => number;
  private readonly width: number;
  private readonly interval: number;
  private readonly isLive: boolean;
  private epochStart = 0;
  private lastDraw = -Infinity;
  private lastLength = 0;

  constructor(opts: ProgressBarOptions = {}) {
    super();
    const mode = opts.mode ?? 'bar';
    if (mode !== 'bar' && mode !== 'line') throw new ArgumentError(`ProgressBar: mode must be 'bar' or 'line', got '${String(mode)}'`);
    this.stream = opts.stream ?? process.stdout;
    this.now = opts.now ?? (() => performance.now());
    this.width = opts.width ?? 30;
    this.interval = opts.interval ?? 50;
    this.isLive = mode === 'bar' && this.stream.isTTY === true;
  }

  override onEpochBegin(epoch: number): void {
    this.epochStart = this.now();
    this.lastDraw = -Infinity;
    this.lastLength = 0;
    if (this.isLive) this.stream.write(`Epoch ${epoch + 1}/${this.context.params.epochs}\n`);
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    if (!this.isLive) return;
    const t = this.now();
    const steps = this.context.params.steps;
    if (t - this.lastDraw < this.interval && batch + 1 !== steps) return;
    this.lastDraw = t;
    const elapsed = (t - this.epochStart) / 1000;
    const eta = steps !== undefined && batch + 1 < steps ? ` - ETA: ${formatDuration((elapsed / (batch + 1)) * (steps - batch - 1))}` : ` - ${formatDuration(elapsed)}`;
    const rate = elapsed > 0 ? ` - ${Math.round(this.context.samplesSeen / elapsed)} samples/s` : '';
    this.draw(`${this.progress(batch + 1, steps)}${eta}${logText(logs)}${rate}`);
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const ms = this.now() - this.epochStart;
    if (!this.isLive) {
      this.stream.write(`${this.formatLine(epoch, this.context.params.epochs, logs, ms, this.context.samplesSeen)}\n`);
      return;
    }
    const steps = this.context.params.steps ?? 0;
    const perStep = steps > 0 ? ` ${Math.round(ms / steps)}ms/step` : '';
    this.draw(`${this.progress(steps, steps)} - ${formatDuration(ms / 1000)}${perStep}${logText(logs)}`);
    this.stream.write('\n');
  }

  /** The plain one-line summary of an epoch (what non-TTY output prints). */
  formatLine(epoch: number, epochs: number, logs: Logs, ms: number, samples: number): string {
    const rate = ms > 0 ? ` - ${Math.round((samples * 1000) / ms)} samples/s` : '';
    return `Epoch ${epoch + 1}/${epochs} - ${formatDuration(ms / 1000)}${rate}${logText(logs)}`;
  }

  /** `12/50 [=======>......................]`, or `12/Unknown` without a step count. */
  private progress(done: number, steps: number | undefined): string {
    if (steps === undefined || steps === 0) return `${done}/Unknown`;
    const filled = Math.floor((this.width * done) / steps);
    const head = done < steps && filled > 0 ? '>' : filled > 0 ? '=' : '';
    const bar = `${'='.repeat(Math.max(0, filled - 1))}${head}${'.'.repeat(this.width - filled)}`;
    return `${String(done).padStart(String(steps).length)}/${steps} [${bar}]`;
  }

  /** Overwrites the current line (carriage return, then spaces over any longer previous text). */
  private draw(line: string): void {
    const pad = Math.max(0, this.lastLength - line.length);
    this.stream.write(`\r${line}${' '.repeat(pad)}`);
    this.lastLength = line.length;
  }
}
