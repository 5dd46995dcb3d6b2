/**
 * Training checkpoints in ONE safetensors file: model weights, optimizer and scheduler state,
 * epoch, step, RNG position and user extras. Tensors are stored under prefixed names
 * (`model.fc1.weight`, `optim.state.0.exp_avg`), so any safetensors reader sees the weights;
 * everything else is JSON in the `myelin.state` metadata entry (see flatten.ts for the encoding).
 * Saving is atomic: a crash mid-save leaves the previous checkpoint intact.
 */
import { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { Generator, type GeneratorState } from '../tensor/random.js';
import { MyelinError } from '../errors.js';
import { CheckpointError } from './errors.js';
import { writeFileAtomic } from './atomic.js';
import { StateFlattener, describe, unflattenState } from './flatten.js';
import { type SafetensorsContent, type TensorDict, encodeSafetensors, parseSafetensors, serializeSafetensors } from './safetensors.js';
import { ioError, readSafetensorsFile } from './safetensors_file.js';
import { quote } from './safetensors_header.js';

/** Anything with a PyTorch-style `stateDict()`: optimizers, LR schedulers. */
export interface StateSource {
  stateDict(): unknown;
}

/** Anything with a PyTorch-style `loadStateDict(state)`. */
export interface StateTarget {
  loadStateDict(state: unknown): unknown;
}

/** What to save. Every field is optional; the state dicts may nest tensors, Maps, arrays, objects. */
export interface CheckpointState {
  /** A Module (its `stateDict()`) or named tensors. */
  model?: Module | TensorDict;
  optimizer?: StateSource;
  scheduler?: StateSource;
  epoch?: number;
  step?: number;
  /** A generator (its position is saved) or a position from `getState()`. */
  rng?: Generator | GeneratorState;
  /** Anything else: numbers, strings, arrays, objects, Maps, tensors. */
  extra?: unknown;
}

/** A loaded checkpoint. Sections that were not saved are undefined (the model: an empty Map). */
export interface Checkpoint {
  model: Map<string, Tensor>;
  optimizer: unknown;
  scheduler: unknown;
  epoch: number;
  step: number;
  rng: GeneratorState | undefined;
  extra: unknown;
}

/** What `restoreCheckpoint` writes the checkpoint into. */
export interface RestoreTargets {
  model?: Module;
  optimizer?: StateTarget;
  scheduler?: StateTarget;
  generator?: Generator;
}

const FORMAT_KEY = 'myelin.format';
const VERSION_KEY = 'myelin.version';
const STATE_KEY = 'myelin.state';
const VERSION = '1';

function checkCount(op: string, what: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new CheckpointError(`${op}: ${what} must be a non-negative integer, got ${String(v)}`);
  return v;
}

function checkRng(op: string, rng: unknown): GeneratorState {
  const state = rng instanceof Generator ? rng.getState() : (rng as GeneratorState);
  try {
    new Generator().setState(state);
  } catch (e) {
    throw new CheckpointError(`${op}: rng is not a Generator or a getState() result (${e instanceof Error ? e.message : String(e)})`);
  }
  return { state: [...state.state], spare: state.spare ?? null };
}

function encodeCheckpoint(state: CheckpointState, op: string): { tensors: Map<string, Tensor>; metadata: Record<string, string> } {
  if (typeof state !== 'object' || state === null) throw new CheckpointError(`${op}: expected an object of checkpoint state`);
  const flat = new StateFlattener(op);
  const json: Record<string, unknown> = { epoch: checkCount(op, 'epoch', state.epoch), step: checkCount(op, 'step', state.step) };
  if (state.model !== undefined) {
    const m = state.model;
    const dict: Map<unknown, unknown> = m instanceof Module ? m.stateDict() : m instanceof Map ? new Map(m) : new Map(Object.entries(m));
    for (const [k, t] of dict) {
      if (typeof k !== 'string' || !(t instanceof Tensor)) throw new CheckpointError(`${op}: model must be a Module or named tensors; ${quote(String(k))} is ${describe(t)}`);
    }
    json.model = flat.flatten(dict, 'model');
  }
  for (const [key, prefix] of [['optimizer', 'optim'], ['scheduler', 'sched']] as const) {
    const src = state[key];
    if (src === undefined) continue;
    if (typeof src?.stateDict !== 'function') throw new CheckpointError(`${op}: ${key} must have a stateDict() method`);
    json[key] = flat.flatten(src.stateDict(), prefix);
  }
  if (state.rng !== undefined) json.rng = checkRng(op, state.rng);
  if (state.extra !== undefined) json.extra = flat.flatten(state.extra, 'extra');
  const metadata = { [FORMAT_KEY]: 'checkpoint', [VERSION_KEY]: VERSION, [STATE_KEY]: JSON.stringify(json) };
  return { tensors: flat.tensors, metadata };
}

function decodeCheckpoint(content: SafetensorsContent, op: string): Checkpoint {
  const meta = content.metadata;
  if (meta[FORMAT_KEY] !== 'checkpoint') throw new CheckpointError(`${op}: not a Myelin checkpoint (no ${FORMAT_KEY} metadata); read plain weight files with loadSafetensors`);
  if (meta[VERSION_KEY] !== VERSION) throw new CheckpointError(`${op}: checkpoint format version ${quote(String(meta[VERSION_KEY]))} is not ${VERSION} (written by another Myelin?)`);
  let json: unknown;
  try {
    json = JSON.parse(meta[STATE_KEY] ?? '');
  } catch {
    throw new CheckpointError(`${op}: the ${STATE_KEY} metadata is not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CheckpointError(`${op}: the ${STATE_KEY} metadata is not a JSON object`);
  const s = json as Record<string, unknown>;
  const used = new Set<string>();
  const section = (key: string): unknown => (Object.hasOwn(s, key) ? unflattenState(s[key], content.tensors, used, op) : undefined);
  const model = section('model') ?? new Map<string, Tensor>();
  if (!(model instanceof Map) || ![...model].every(([k, t]) => typeof k === 'string' && t instanceof Tensor)) {
    throw new CheckpointError(`${op}: the model section is not a map of names to tensors`);
  }
  const out: Checkpoint = {
    model: model as Map<string, Tensor>,
    optimizer: section('optimizer'),
    scheduler: section('scheduler'),
    epoch: checkCount(op, 'epoch', s.epoch),
    step: checkCount(op, 'step', s.step),
    rng: s.rng === undefined ? undefined : checkRng(op, s.rng),
    extra: section('extra'),
  };
  for (const name of content.tensors.keys()) {
    if (!used.has(name)) throw new CheckpointError(`${op}: tensor ${quote(name)} is in the file but not in the checkpoint state`);
  }
  return out;
}

/**
 * A checkpoint as bytes (a safetensors file): what `saveCheckpoint` writes, for non-file storage.
 * @example
 * const bytes = serializeCheckpoint({ model: { w: ones([2]) }, epoch: 3, extra: { best: 0.5 } });
 * parseCheckpoint(bytes).epoch // 3
 */
export function serializeCheckpoint(state: CheckpointState): Uint8Array {
  const { tensors, metadata } = encodeCheckpoint(state, 'serializeCheckpoint');
  return serializeSafetensors(tensors, metadata);
}

/**
 * Reads a checkpoint from bytes. A malformed file throws a SafetensorsError; a valid safetensors
 * file that is not a consistent Myelin checkpoint throws a CheckpointError.
 * @example
 * const bytes = serializeCheckpoint({ model: { w: tensor([1, 2]) }, step: 10 });
 * parseCheckpoint(bytes).model.get('w')!.toArray() // [1, 2]
 */
export function parseCheckpoint(bytes: Uint8Array): Checkpoint {
  return decodeCheckpoint(parseSafetensors(bytes), 'parseCheckpoint');
}

/**
 * Saves training state to `path` atomically (temp file, fsync, rename, fsync of the directory).
 * Read it back with `loadCheckpoint`, apply it with `restoreCheckpoint`.
 * @example
 * // saveCheckpoint('run/last.safetensors', state) writes serializeCheckpoint(state):
 * const g = new Generator(1);
 * parseCheckpoint(serializeCheckpoint({ rng: g, epoch: 1 })).rng!.state.length // 4
 */
export function saveCheckpoint(path: string, state: CheckpointState): void {
  const op = 'saveCheckpoint';
  const { tensors, metadata } = encodeCheckpoint(state, op);
  const { header, chunks } = encodeSafetensors(tensors, metadata, op);
  try {
    writeFileAtomic(path, [header, ...chunks]);
  } catch (e) {
    throw ioError(op, 'write', path, e, CheckpointError);
  }
}

/**
 * Loads a checkpoint written by `saveCheckpoint`: plain data, applied by `restoreCheckpoint`.
 * @example
 * // loadCheckpoint(path) returns parseCheckpoint of the file's bytes:
 * (parseCheckpoint(serializeCheckpoint({ extra: { note: 'hi' } })).extra as { note: string }).note // 'hi'
 */
export function loadCheckpoint(path: string): Checkpoint {
  const op = 'loadCheckpoint';
  return decodeCheckpoint(readSafetensorsFile(path, op, CheckpointError), op);
}

/**
 * Resumes training: writes a loaded checkpoint into the model (`loadStateDict`, strict unless
 * `strict: false`), the optimizer, the scheduler and a generator, then returns it (for epoch,
 * step, extra). A target whose section the checkpoint lacks throws before anything is written.
 * NOTE: sections are applied in that order; an error from a later target's own loadStateDict
 * leaves the earlier ones restored.
 * @example
 * const g = new Generator(5);
 * const bytes = serializeCheckpoint({ rng: g, epoch: 2 });
 * const first = g.nextFloat();
 * restoreCheckpoint(parseCheckpoint(bytes), { generator: g });
 * g.nextFloat() === first // true
 */
export function restoreCheckpoint(ckpt: Checkpoint, targets: RestoreTargets, opts: { strict?: boolean } = {}): Checkpoint {
  const op = 'restoreCheckpoint';
  const missing: string[] = (['optimizer', 'scheduler'] as const).filter((k) => targets[k] !== undefined && ckpt[k] === undefined);
  if (targets.model && ckpt.model.size === 0 && targets.model.stateDict().size > 0) missing.unshift('model');
  if (targets.generator && ckpt.rng === undefined) missing.push('rng');
  if (missing.length) throw new CheckpointError(`${op}: the checkpoint has no ${missing.join(', ')} state to restore`);
  try {
    targets.model?.loadStateDict(ckpt.model, { strict: opts.strict ?? true });
    if (ckpt.optimizer !== undefined) targets.optimizer?.loadStateDict(ckpt.optimizer);
    if (ckpt.scheduler !== undefined) targets.scheduler?.loadStateDict(ckpt.scheduler);
    if (ckpt.rng !== undefined) targets.generator?.setState(ckpt.rng);
  } catch (e) {
    if (e instanceof MyelinError) throw e;
    const err = new CheckpointError(`${op}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    err.cause = e;
    throw err;
  }
  return ckpt;
}
