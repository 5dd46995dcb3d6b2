/**
 * LearningRateScheduler: at the start of every epoch sets each parameter group's lr to
 * `schedule(epoch, lr)` (Keras's callback); adds 'lr' to the epoch logs. Stateless: the lr lives
 * in the optimizer, which checkpoints save.
 */
import { ArgumentError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';

/**
 * Calls `schedule(epoch, currentLr)` before each epoch.
 * @example
 * const halve = new LearningRateScheduler((epoch, lr) => (epoch > 0 ? lr / 2 : lr));
 * halve.schedule(1, 0.1) // 0.05
 */
export class LearningRateScheduler extends Callback {
  constructor(readonly schedule: (epoch: number, lr: number) => number) {
    super();
    if (typeof schedule !== 'function') throw new ArgumentError('LearningRateScheduler: schedule must be a function (epoch, lr) => lr');
  }

  override onEpochBegin(epoch: number): void {
    for (const g of this.context.optimizer.paramGroups) {
      const lr = this.schedule(epoch, g.lr);
      if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) throw new ArgumentError(`LearningRateScheduler: schedule(${epoch}, ${g.lr}) returned ${String(lr)}, not a finite lr >= 0`);
      g.lr = lr;
    }
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs.lr = this.context.optimizer.paramGroups[0]!.lr;
  }
}
