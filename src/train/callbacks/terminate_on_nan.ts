/** TerminateOnNaN: stops fit as soon as a batch's loss is NaN or infinite (Keras's callback). */
import { Callback, type Logs } from './callback.js';
import type { OutputStream } from './progress_bar.js';

/**
 * Ends training after the batch whose loss is not finite, with one line on `stream` (stderr).
 * @example new TerminateOnNaN().stopped // false
 */
export class TerminateOnNaN extends Callback {
  /** Whether this callback ended the last run. */
  stopped = false;

  constructor(private readonly stream?: OutputStream) {
    super();
  }

  override onTrainBegin(): void {
    this.stopped = false;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      (this.stream ?? process.stderr).write(`Epoch ${this.context.epoch + 1}, batch ${batch}: invalid loss ${loss}, terminating training\n`);
      this.stopped = true;
      this.context.stopTraining = true;
    }
  }
}
