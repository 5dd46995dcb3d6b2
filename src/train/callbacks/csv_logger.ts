/**
 * CSVLogger: one row per epoch (epoch, then the log keys sorted, as Keras writes them) appended
 * to a file as each epoch ends, so a crash keeps the rows so far. A resumed fit appends.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArgumentError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';

export interface CSVLoggerOptions {
  /** Column separator (default ','). */
  separator?: string;
  /** Add to an existing file instead of replacing it (default false; resumed runs always append). */
  append?: boolean;
}

/**
 * Writes the epoch logs as CSV.
 * @example new CSVLogger('runs/log.csv', { separator: ';' }).separator // ';'
 */
export class CSVLogger extends Callback {
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | undefined;

  constructor(readonly filename: string, opts: CSVLoggerOptions = {}) {
    super();
    if (typeof filename !== 'string' || filename === '') throw new ArgumentError('CSVLogger: filename must be a non-empty string');
    this.separator = opts.separator ?? ',';
    this.append = opts.append ?? false;
  }

  override onTrainBegin(): void {
    mkdirSync(dirname(this.filename), { recursive: true });
    const isAppending = (this.append || this.context.epochsDone > 0) && existsSync(this.filename);
    this.keys = undefined;
    if (!isAppending) writeFileSync(this.filename, '');
    else {
      // continue under the existing header
      const header = readFileSync(this.filename, 'utf8').split('\n')[0];
      if (header) this.keys = header.split(this.separator).slice(1);
    }
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    let text = '';
    if (this.keys === undefined) {
      this.keys = Object.keys(logs).sort();
      text += ['epoch', ...this.keys].join(this.separator) + '\n';
    }
    const cell = (k: string): string => (logs[k] === undefined ? 'NA' : String(logs[k]));
    text += [String(epoch), ...this.keys.map(cell)].join(this.separator) + '\n';
    appendFileSync(this.filename, text);
  }
}
