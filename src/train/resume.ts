/**
 * What makes a resumed fit reproduce the uninterrupted one: the checkpoint holds the model, the
 * optimizer and scheduler, epoch and step, the default generator (dropout, initialisers, and
 * shuffling unless fit has a seed) and, in `extra`, every other Generator the run draws from
 * (fit's own shuffle stream, generators held by modules or by a DataLoader, found in their fields)
 * plus the callbacks' state. Restoring writes all of it back before the first resumed batch.
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { Generator, type GeneratorState, defaultGenerator } from '../tensor/random.js';
import { type Checkpoint, type CheckpointState, loadCheckpoint, restoreCheckpoint } from '../io/checkpoint.js';
import { CheckpointError } from '../io/errors.js';
import type { CallbackList } from './callbacks/callback.js';
import type { Compiled } from './state.js';

/** Generators in the own fields of `owner` (private ones included), keyed `<prefix><field>`. */
function generatorFields(owner: object, prefix: string, out: Map<string, Generator>): void {
  for (const [k, v] of Object.entries(owner)) if (v instanceof Generator && v !== defaultGenerator) out.set(`${prefix}${k}`, v);
}

/** Every non-default Generator a run draws from, by a stable name. */
export function runGenerators(model: Module, fitGenerator: Generator | undefined, source: unknown): Map<string, Generator> {
  const out = new Map<string, Generator>();
  if (fitGenerator !== undefined) out.set('fit', fitGenerator);
  for (const [name, m] of model.namedModules()) generatorFields(m, `model:${name}${name ? '.' : ''}`, out);
  if (typeof source === 'object' && source !== null) generatorFields(source, 'data:', out);
  return out;
}

/** The extra section of a training checkpoint. */
interface TrainingExtra {
  generators: Record<string, GeneratorState>;
  callbacks: Record<string, unknown>;
}

/** A checkpoint of the run as it stands: `epochs` finished, `step` optimizer steps taken. */
export function trainingState(model: Module, c: Compiled, epochs: number, step: number, generators: Map<string, Generator>, callbacks: CallbackList): CheckpointState {
  const extra: TrainingExtra = {
    generators: Object.fromEntries([...generators].map(([k, g]) => [k, g.getState()])),
    callbacks: callbacks.stateDict(),
  };
  return { model, optimizer: c.optimizer, ...(c.scheduler ? { scheduler: c.scheduler } : {}), epoch: epochs, step, rng: defaultGenerator, extra };
}

/**
 * Loads `path` (written by ModelCheckpoint) into the run; returns the epochs finished and steps
 * taken. The model, optimizer and scheduler must match the saved ones.
 */
export function restoreTraining(method: string, path: string, model: Module, c: Compiled, generators: Map<string, Generator>, callbacks: CallbackList): Checkpoint {
  if (typeof path !== 'string' || path === '') throw new ArgumentError(`${method}: resumeFrom must be a checkpoint path`);
  const ckpt = loadCheckpoint(path);
  const extra = ckpt.extra as Partial<TrainingExtra> | undefined;
  if (typeof extra !== 'object' || extra === null || typeof extra.generators !== 'object' || typeof extra.callbacks !== 'object') {
    throw new CheckpointError(`${method}: ${path} is a checkpoint but not one written during fit (no generators/callbacks state)`);
  }
  if (c.scheduler !== undefined && ckpt.scheduler === undefined) throw new CheckpointError(`${method}: ${path} has no scheduler state, but the model was compiled with a scheduler`);
  restoreCheckpoint(ckpt, { model, optimizer: c.optimizer, ...(c.scheduler ? { scheduler: c.scheduler } : {}), generator: defaultGenerator });
  for (const [k, g] of generators) {
    const saved = extra.generators![k];
    if (saved === undefined) throw new CheckpointError(`${method}: ${path} has no state for generator '${k}' (was the run configured differently?)`);
    g.setState(saved);
  }
  callbacks.loadStateDict(extra.callbacks as Record<string, unknown>);
  return ckpt;
}
