/**
 * Nested state (optimizer and scheduler state dicts, user extras) split into JSON plus named
 * tensors, and joined back. Handles tensors, numbers (NaN, ±Infinity and -0 included), strings,
 * booleans, null, undefined, arrays, Maps with string or number keys, and plain objects; anything
 * else (class instances, functions, bigint, cycles) is refused with the path to it.
 *
 * Encoding: a tensor becomes {"$tensor": name}, a Map {"$map": [[key, value], …]}, a non-JSON
 * number {"$number": "NaN"}, undefined {"$undefined": true}; an object key that starts with `$`
 * gets one more `$`, so user data never reads as a marker.
 */
import { Tensor } from '../tensor/tensor.js';
import { CheckpointError } from './errors.js';
import { quote } from './safetensors_header.js';

/** A JSON document as JSON.parse returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Deeper nesting is refused (no optimizer state is this deep; hostile JSON can be). */
const MAX_DEPTH = 200;

const NUMBER_NAMES = new Map<string, number>([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]]);

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** 'a Date', 'a number'…: how error messages name an unexpected value. */
export function describe(v: unknown): string {
  const name = typeof v === 'object' && v !== null ? (v.constructor?.name ?? 'object') : typeof v;
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** Collects tensors under unique dotted names while turning state into JSON. */
export class StateFlattener {
  /** Every tensor seen, by its unique name, in the order met. */
  readonly tensors = new Map<string, Tensor>();
  private readonly names = new Map<Tensor, string>();
  private readonly ancestors = new Set<object>();

  constructor(private readonly op: string) {}

  /** Registers `t` under `name` (suffixed `#2`, `#3`… if taken); one tensor object is stored once. */
  addTensor(name: string, t: Tensor): string {
    const known = this.names.get(t);
    if (known !== undefined) return known;
    let unique = name;
    for (let k = 2; this.tensors.has(unique); k++) unique = `${name}#${k}`;
    this.tensors.set(unique, t);
    this.names.set(t, unique);
    return unique;
  }

  /** JSON for `value`; its tensors are named after their path below `path` (`optim.state.0.exp_avg`). */
  flatten(value: unknown, path: string, depth = 0): JsonValue {
    if (depth > MAX_DEPTH) throw new CheckpointError(`${this.op}: state nested deeper than ${MAX_DEPTH} levels at ${quote(path)}`);
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (value === undefined) return { $undefined: true };
    if (typeof value === 'number') {
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) };
    }
    if (value instanceof Tensor) return { $tensor: this.addTensor(path, value) };
    if (typeof value !== 'object') throw new CheckpointError(`${this.op}: cannot store ${describe(value)} at ${quote(path)}`);
    if (this.ancestors.has(value)) throw new CheckpointError(`${this.op}: state contains a cycle at ${quote(path)}`);
    this.ancestors.add(value);
    try {
      if (Array.isArray(value)) return Array.from(value, (v: unknown, i) => this.flatten(v, `${path}.${i}`, depth + 1));
      if (value instanceof Map) {
        return {
          $map: [...(value as Map<unknown, unknown>)].map(([k, v]): JsonValue => {
            if (typeof k !== 'string' && typeof k !== 'number') throw new CheckpointError(`${this.op}: Map keys must be strings or numbers, got ${describe(k)} at ${quote(path)}`);
            return [this.flatten(k, path, depth + 1), this.flatten(v, `${path}.${String(k)}`, depth + 1)];
          }),
        };
      }
      if (!isPlainObject(value)) throw new CheckpointError(`${this.op}: cannot store ${describe(value)} at ${quote(path)}`);
      const out: [string, JsonValue][] = Object.entries(value).map(([k, v]) => [k.startsWith('$') ? `$${k}` : k, this.flatten(v, `${path}.${k}`, depth + 1)]);
      return Object.fromEntries(out);
    } finally {
      this.ancestors.delete(value);
    }
  }
}

/**
 * Rebuilds state from its JSON, taking tensors from `tensors` and noting each name used in `used`.
 * Malformed markers or missing tensors throw a CheckpointError of `op`.
 */
export function unflattenState(json: unknown, tensors: ReadonlyMap<string, Tensor>, used: Set<string>, op: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new CheckpointError(`${op}: state nested deeper than ${MAX_DEPTH} levels`);
  if (json === null || typeof json !== 'object') return json;
  const next = (v: unknown): unknown => unflattenState(v, tensors, used, op, depth + 1);
  if (Array.isArray(json)) return json.map(next);
  const keys = Object.keys(json);
  const marker = keys.length === 1 && /^\$[^$]/.test(keys[0]!) ? keys[0]! : undefined;
  const v = marker === undefined ? undefined : (json as Record<string, unknown>)[marker];
  switch (marker) {
    case undefined:
      break;
    case '$tensor': {
      const t = typeof v === 'string' ? tensors.get(v) : undefined;
      if (t === undefined) throw new CheckpointError(`${op}: state refers to tensor ${typeof v === 'string' ? quote(v) : String(v)}, which the file does not hold`);
      used.add(v as string);
      return t;
    }
    case '$map': {
      if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2)) throw new CheckpointError(`${op}: malformed $map entry in the state`);
      return new Map((v as [unknown, unknown][]).map(([k, x]) => {
        const key = next(k);
        if (typeof key !== 'string' && typeof key !== 'number') throw new CheckpointError(`${op}: $map key must be a string or number`);
        return [key, next(x)];
      }));
    }
    case '$number':
      if (typeof v !== 'string' || !NUMBER_NAMES.has(v)) throw new CheckpointError(`${op}: malformed $number ${quote(String(v))} in the state`);
      return NUMBER_NAMES.get(v);
    case '$undefined':
      return undefined;
    default:
      throw new CheckpointError(`${op}: unknown marker ${quote(marker)} in the state`);
  }
  const out: [string, unknown][] = [];
  for (const [k, x] of Object.entries(json)) {
    if (/^\$[^$]|^\$$/.test(k)) throw new CheckpointError(`${op}: unescaped key ${quote(k)} in the state`);
    out.push([k.startsWith('$') ? k.slice(1) : k, next(x)]);
  }
  // NOTE: fromEntries defines own properties, so a key named "__proto__" stays data
  return Object.fromEntries(out);
}
