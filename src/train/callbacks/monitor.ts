/**
 * A monitored log value (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau): which direction is
 * better, and reading it from the logs. Internal to the callbacks.
 */
import { ArgumentError } from '../../errors.js';
import type { Logs } from './callback.js';

export type MonitorMode = 'auto' | 'min' | 'max';

/** 'max' for accuracy-like names in 'auto' mode (Keras's rule), else 'min'. */
export function resolveMode(op: string, monitor: string, mode: MonitorMode = 'auto'): 'min' | 'max' {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw new ArgumentError(`${op}: mode must be 'auto', 'min' or 'max', got '${String(mode)}'`);
  if (mode !== 'auto') return mode;
  return /(acc|accuracy|auc|precision|recall|f1|r2)$/.test(monitor) ? 'max' : 'min';
}

/** The monitored value; a name missing from the logs is an error that lists what is there. */
export function readMonitor(op: string, monitor: string, logs: Logs): number {
  const v = logs[monitor];
  if (v === undefined) {
    const hint = monitor.startsWith('val_') ? ' (no validation data? pass validationSplit or validationData)' : '';
    throw new ArgumentError(`${op}: monitor '${monitor}' is not in the logs [${Object.keys(logs).join(', ')}]${hint}`);
  }
  return v;
}

/** True when `current` beats `reference` by more than minDelta in `mode`'s direction. */
export function isImprovement(mode: 'min' | 'max', current: number, reference: number, minDelta = 0): boolean {
  return mode === 'min' ? current < reference - minDelta : current > reference + minDelta;
}
