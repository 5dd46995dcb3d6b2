/**
 * JsonlLogger: one JSON object per line, `{"epoch":0,"loss":0.69,…}` per epoch (and, with
 * `batches`, `{"epoch":0,"batch":3,…}` per batch), appended as training goes. Non-finite values
 * are written as null (JSON has no NaN). A resumed fit appends.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArgumentError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';

export interface JsonlLoggerOptions {
  /** Add to an existing file instead of replacing it (default false; resumed runs always append). */
  append?: boolean;
  /** Also write a line after every batch (default false). */
  batches?: boolean;
}

/**
 * Writes the logs as JSON Lines.
 * @example new JsonlLogger('runs/log.jsonl', { batches: true }).batches // true
 */
export class JsonlLogger extends Callback {
  readonly append: boolean;
  readonly batches: boolean;

  constructor(readonly filename: string, opts: JsonlLoggerOptions = {}) {
    super();
    if (typeof filename !== 'string' || filename === '') throw new ArgumentError('JsonlLogger: filename must be a non-empty string');
    this.append = opts.append ?? false;
    this.batches = opts.batches ?? false;
  }

  override onTrainBegin(): void {
    mkdirSync(dirname(this.filename), { recursive: true });
    if (!this.append && this.context.epochsDone === 0) writeFileSync(this.filename, '');
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    if (this.batches) appendFileSync(this.filename, JSON.stringify({ epoch: this.context.epoch, batch, ...logs }) + '\n');
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    appendFileSync(this.filename, JSON.stringify({ epoch, ...logs }) + '\n');
  }
}
