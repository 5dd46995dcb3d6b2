/**
 * History: what `fit` returns (Keras's History): the epochs run and, per log key, one value per
 * epoch. It is the first callback of every fit run.
 */
import { Callback, type FitParams, type Logs } from './callbacks/callback.js';

/**
 * `epoch` lists the epoch indices run; `history.loss[i]` is the loss of `epoch[i]`.
 * @example
 * const h = new History();
 * h.onEpochEnd(0, { loss: 0.9, accuracy: 0.5 }); h.onEpochEnd(1, { loss: 0.4, accuracy: 0.75 });
 * h.history.loss // [0.9, 0.4]
 */
export class History extends Callback {
  epoch: number[] = [];
  history: Record<string, number[]> = {};
  params: FitParams | undefined;

  override onTrainBegin(): void {
    this.params = this.context.params;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) {
      const column = (this.history[k] ??= []);
      // a key that first appears late (e.g. 'lr') is padded with NaN for the earlier epochs
      while (column.length < this.epoch.length - 1) column.push(NaN);
      column.push(v);
    }
  }
}
