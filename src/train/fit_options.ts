/**
 * fit's options: their types, defaults and checks (every bad value is an ArgumentError that
 * names fit), kept out of fit.ts so the loop reads on one screen.
 */
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { Callback } from './callbacks/callback.js';
import type { DataSource } from './fit_data.js';

/** What fit takes besides the data. */
export interface FitOptions {
  /** Train until this epoch index (default 1); with initialEpoch k, runs epochs k…epochs−1. */
  epochs?: number;
  /** Samples per batch for tensor or dataset input (default 32; loaders keep their own). */
  batchSize?: number;
  /** Hold out the last fraction of the samples (before shuffling) for validation. */
  validationSplit?: number;
  /** Validation data: [x, y] tensors, a dataset of [x, y] items or batches. */
  validationData?: readonly [Tensor, Tensor] | DataSource;
  /** Validation batch size (default batchSize). */
  validationBatchSize?: number;
  /** Reshuffle tensor/dataset input every epoch (default true). */
  shuffle?: boolean;
  /** Callbacks, called in order after the History (checkpoints last). */
  callbacks?: readonly Callback[];
  /** 0 silent, 1 progress bar (one line per epoch when not a TTY), 2 one line per epoch; 'auto' is 1. */
  verbose?: 0 | 1 | 2 | 'auto';
  /** Epoch to start from (default 0), e.g. after loading weights. */
  initialEpoch?: number;
  /** Seeds fit's own shuffle generator (default: shuffle from the default generator). */
  seed?: number;
  /** A checkpoint written by ModelCheckpoint: restores everything and continues after its epoch. */
  resumeFrom?: string;
}

/** FitOptions with defaults applied and checked. */
export interface ResolvedFit {
  epochs: number;
  batchSize: number;
  validationSplit: number | undefined;
  validationData: FitOptions['validationData'];
  validationBatchSize: number | undefined;
  shuffle: boolean;
  callbacks: Callback[];
  verbose: 0 | 1 | 2;
  initialEpoch: number;
  seed: number | undefined;
  resumeFrom: string | undefined;
}

const KNOWN = new Set(['epochs', 'batchSize', 'validationSplit', 'validationData', 'validationBatchSize', 'shuffle', 'callbacks', 'verbose', 'initialEpoch', 'seed', 'resumeFrom']);

function int(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArgumentError(`fit: ${name} must be an integer >= ${min}, got ${String(v)}`);
  return v;
}

/** Checks fit's options and fills in the defaults. */
export function resolveFitOptions(o: FitOptions | undefined): ResolvedFit {
  if (o === undefined) o = {};
  if (o === null || typeof o !== 'object' || o instanceof Tensor) throw new ArgumentError('fit: options must be an object (did you pass y for a dataset?)');
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) throw new ArgumentError(`fit: unknown option '${k}'`);
  const epochs = int('epochs', o.epochs ?? 1, 0);
  const initialEpoch = int('initialEpoch', o.initialEpoch ?? 0, 0);
  if (initialEpoch > epochs) throw new ArgumentError(`fit: initialEpoch ${initialEpoch} is past epochs ${epochs}`);
  if (o.resumeFrom !== undefined && o.initialEpoch !== undefined) throw new ArgumentError('fit: pass resumeFrom or initialEpoch, not both (the checkpoint knows its epoch)');
  if (o.validationSplit !== undefined && o.validationData !== undefined) throw new ArgumentError('fit: pass validationSplit or validationData, not both');
  const v = o.verbose ?? 'auto';
  if (v !== 0 && v !== 1 && v !== 2 && v !== 'auto') throw new ArgumentError(`fit: verbose must be 0, 1, 2 or 'auto', got ${String(v)}`);
  const callbacks = o.callbacks ?? [];
  if (!Array.isArray(callbacks)) throw new ArgumentError('fit: callbacks must be an array of Callbacks');
  callbacks.forEach((cb: unknown, i) => {
    if (!(cb instanceof Callback)) throw new ArgumentError(`fit: callbacks[${i}] is not a Callback`);
  });
  if (o.shuffle !== undefined && typeof o.shuffle !== 'boolean') throw new ArgumentError(`fit: shuffle must be a boolean, got ${String(o.shuffle)}`);
  if (o.seed !== undefined && !Number.isFinite(o.seed)) throw new ArgumentError(`fit: seed must be a finite number, got ${String(o.seed)}`);
  return {
    epochs,
    batchSize: int('batchSize', o.batchSize ?? 32, 1),
    validationSplit: o.validationSplit,
    validationData: o.validationData,
    validationBatchSize: o.validationBatchSize === undefined ? undefined : int('validationBatchSize', o.validationBatchSize, 1),
    shuffle: o.shuffle ?? true,
    callbacks: [...callbacks],
    verbose: v === 'auto' ? 1 : v,
    initialEpoch,
    seed: o.seed,
    resumeFrom: o.resumeFrom,
  };
}

/** True for a validationData given as [x, y] tensors. */
export function isTensorPair(v: unknown): v is readonly [Tensor, Tensor] {
  return Array.isArray(v) && v.length === 2 && v[0] instanceof Tensor && v[1] instanceof Tensor;
}
