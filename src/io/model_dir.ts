/**
 * Model directories: a model saved as `model.json` (architecture + free-form info) beside
 * `model.safetensors` (its state dict), so it loads with no user code when it is built from
 * Myelin's layers. The architecture is a JSON spec, `{ type: 'Linear', args: [4, 2] }`, resolved
 * against a registry derived from the exports of nn/layers/index.ts (no registerClass calls).
 * Not a pickle: custom Module subclasses cannot be described and must be rebuilt in code.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MyelinError } from '../errors.js';
import * as layers from '../nn/layers/index.js';
import { Identity, Module } from '../nn/module.js';
import { defaultGenerator } from '../tensor/random.js';
import { writeFileAtomic } from './atomic.js';
import { deriveArchitecture } from './derive_architecture.js';
import { ioError, readSafetensorsFile, saveSafetensors } from './safetensors_file.js';

/** A model directory that cannot be written, read or built (bad JSON, unknown layer, weights that do not fit). */
export class ModelDirError extends MyelinError {}

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A layer as JSON: its class name among Myelin's layers and its constructor arguments. A
 * Sequential lists its children in `layers` (each may carry a `name`, giving named children).
 */
export interface LayerSpec {
  type: string;
  args?: JsonValue[];
  layers?: LayerSpec[];
  /** The child's name inside a Sequential (default: its position). */
  name?: string;
}

/** What `loadModel` returns: the built model (in eval mode), its spec, and the saved info. */
export interface LoadedModel {
  model: Module;
  architecture: LayerSpec;
  info: Record<string, JsonValue>;
}

type ModuleClass = new (...args: never[]) => Module;

const FORMAT = 'myelin.model';
const VERSION = 1;
const specs = new WeakMap<Module, LayerSpec>();

function isModuleClass(v: unknown): v is ModuleClass {
  return typeof v === 'function' && v.prototype instanceof Module;
}

/** Built-in layer classes by name, derived from the layers barrel. */
const REGISTRY: ReadonlyMap<string, ModuleClass> = new Map(
  Object.entries({ ...layers, Identity }).filter((e): e is [string, ModuleClass] => isModuleClass(e[1])),
);

/**
 * The names `buildModel` accepts: every Module class exported by nn/layers (and Identity).
 * @example layerTypes().includes('Conv2d') // true
 */
export function layerTypes(): string[] {
  return [...REGISTRY.keys()];
}

/** Runs `fn` and puts the default generator back where it was (building draws initial weights). */
function keepingRng<T>(fn: () => T): T {
  const state = defaultGenerator.getState();
  try {
    return fn();
  } finally {
    defaultGenerator.setState(state);
  }
}

function fail(op: string, message: string): never {
  throw new ModelDirError(`${op}: ${message}`);
}

function build(spec: unknown, path: string, op: string): Module {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail(op, `${path} must be an object like { "type": "Linear", "args": [4, 2] }`);
  const s = spec as Partial<LayerSpec>;
  if (typeof s.type !== 'string') fail(op, `${path}.type must be a layer name (one of ${layerTypes().join(', ')})`);
  const Cls = REGISTRY.get(s.type);
  if (!Cls) fail(op, `${path}.type '${s.type}' is not a Myelin layer (known: ${layerTypes().join(', ')})`);
  if (s.args !== undefined && !Array.isArray(s.args)) fail(op, `${path}.args must be an array of constructor arguments`);
  let m: Module;
  if (s.layers !== undefined) {
    if (Cls !== layers.Sequential) fail(op, `${path}: only a Sequential takes "layers", not ${s.type}`);
    if (!Array.isArray(s.layers)) fail(op, `${path}.layers must be an array of layer specs`);
    const kids = s.layers.map((k: unknown, i) => build(k, `${path}.layers[${i}]`, op));
    const names = s.layers.map((k: Partial<LayerSpec>) => k?.name);
    const isNamed = names.some((n) => n !== undefined);
    m = isNamed ? new layers.Sequential(Object.fromEntries(kids.map((k, i) => [names[i] ?? String(i), k]))) : new layers.Sequential(...kids);
  } else {
    try {
      m = new (Cls as new (...args: unknown[]) => Module)(...(s.args ?? []));
    } catch (e) {
      fail(op, `${path} (${s.type}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  return m;
}

/**
 * Builds a model from a spec, with fresh (default-initialised) weights. The model remembers its
 * spec, so `saveModel(dir, model)` needs no second argument.
 * @example
 * const net = buildModel({ type: 'Sequential', layers: [
 *   { type: 'Linear', args: [2, 8] }, { type: 'Tanh' }, { type: 'Linear', args: [8, 1] }] });
 * net.call(ones([5, 2])).shape // [5, 1]
 */
export function buildModel(spec: LayerSpec): Module {
  const m = build(spec, 'architecture', 'buildModel');
  specs.set(m, structuredClone(spec));
  return m;
}

/**
 * The spec a model was built from by `buildModel` or `loadModel` (undefined for other models).
 * @example architectureOf(buildModel({ type: 'ReLU' }))!.type // 'ReLU'
 */
export function architectureOf(model: Module): LayerSpec | undefined {
  const s = specs.get(model);
  return s && structuredClone(s);
}

/**
 * Saves `model` into `dir` (created if needed): `model.json` holds the architecture and `info`
 * (anything JSON: classes, preprocessing, metrics), `model.safetensors` the state dict. Each file
 * is written atomically. `architecture` defaults to the spec the model was built from, or, for a
 * model built in code from Myelin's layers (nested Sequentials included), the layers' constructor arguments.
 * @example
 * // saveModel('runs/xor', net, undefined, { classes: ['0', '1'] }) writes runs/xor/model.json and
 * // runs/xor/model.safetensors; loadModel('runs/xor').model then computes what net computes.
 * const net = buildModel({ type: 'Linear', args: [3, 1] });
 * [...net.stateDict().keys()] // ['weight', 'bias']
 */
export function saveModel(dir: string, model: Module, architecture?: LayerSpec, info: Record<string, JsonValue> = {}): void {
  const op = 'saveModel';
  let arch = architecture ?? specs.get(model);
  if (!arch) {
    try {
      arch = deriveArchitecture(model);
    } catch (e) {
      fail(op, e instanceof Error ? e.message.replace(/^saveModel: /, '') : String(e));
    }
  }
  // the spec must describe this very model: same state-dict keys and shapes
  const probe = keepingRng(() => build(arch, 'architecture', op).stateDict());
  const own = model.stateDict();
  const differs = probe.size !== own.size || [...own].some(([k, t]) => probe.get(k)?.shape.join() !== t.shape.join());
  if (differs) fail(op, 'the architecture spec does not match the model (state-dict keys or shapes differ)');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw ioError(op, 'create', dir, e, ModelDirError);
  }
  saveSafetensors(join(dir, 'model.safetensors'), own, { 'myelin.format': 'model' });
  const json = { format: FORMAT, version: VERSION, architecture: arch, info };
  try {
    writeFileAtomic(join(dir, 'model.json'), prettyJson(json));
  } catch (e) {
    throw ioError(op, 'write', join(dir, 'model.json'), e, ModelDirError);
  }
}

/** `value` as JSON on one line, with a space after each comma and colon. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : oneLine(v))).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'null';
}

function pretty(value: unknown, indent: string): string {
  const flat = oneLine(value);
  if (typeof value !== 'object' || value === null) return flat;
  const values: unknown[] = Array.isArray(value) ? value : Object.values(value);
  if (Array.isArray(value) && values.every((v) => typeof v !== 'object' || v === null)) return flat;
  const hasObjects = !Array.isArray(value) && values.some((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (indent.length + flat.length <= 80 && !hasObjects) return flat;
  const inner = indent + '  ';
  const items = Array.isArray(value)
    ? value.map((v) => inner + pretty(v, inner))
    : Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  if (items.length === 0) return Array.isArray(value) ? '[]' : '{}';
  return Array.isArray(value) ? `[\n${items.join(',\n')}\n${indent}]` : `{\n${items.join(',\n')}\n${indent}}`;
}

/**
 * JSON for people: indented by 2, but arrays of plain values, and arrays and flat objects that
 * fit in 80 columns, stay on one line (`{ "type": "Linear", "args": [784, 256] }`). It parses
 * back to the same value; it ends in a newline.
 * @example prettyJson({ layer: { type: 'Linear', args: [784, 256] } }) // '{\n  "layer": { "type": "Linear", "args": [784, 256] }\n}\n'
 */
export function prettyJson(value: unknown): string {
  return pretty(value, '') + '\n';
}

/**
 * Reads `dir/model.json` and `dir/model.safetensors`, builds the model and loads its weights
 * (strictly: every key, every shape). The model is returned in eval mode.
 * @example
 * // const { model, info } = loadModel('runs/xor'); model.call(x)
 * layerTypes().includes('Sequential') // true
 */
export function loadModel(dir: string): LoadedModel {
  const op = 'loadModel';
  const jsonPath = join(dir, 'model.json');
  let text: string;
  try {
    text = readFileSync(jsonPath, 'utf8');
  } catch (e) {
    throw ioError(op, 'read', jsonPath, e, ModelDirError);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail(op, `'${jsonPath}' is not valid JSON`);
  }
  const j = json as { format?: unknown; version?: unknown; architecture?: unknown; info?: unknown };
  if (typeof json !== 'object' || json === null || j.format !== FORMAT) fail(op, `'${jsonPath}' is not a Myelin model file (no "format": "${FORMAT}")`);
  if (j.version !== VERSION) fail(op, `'${jsonPath}' has format version ${String(j.version)}, expected ${VERSION}`);
  // NOTE: the initial weights are overwritten, so drawing them must not move the user's RNG
  const model = keepingRng(() => build(j.architecture, 'architecture', op));
  const { tensors } = readSafetensorsFile(join(dir, 'model.safetensors'), op, ModelDirError);
  try {
    model.loadStateDict(tensors);
  } catch (e) {
    fail(op, `the weights in '${join(dir, 'model.safetensors')}' do not fit the architecture: ${e instanceof Error ? e.message : String(e)}`);
  }
  specs.set(model, j.architecture as LayerSpec);
  const info = typeof j.info === 'object' && j.info !== null && !Array.isArray(j.info) ? (j.info as Record<string, JsonValue>) : {};
  return { model: model.eval(), architecture: structuredClone(j.architecture as LayerSpec), info };
}
