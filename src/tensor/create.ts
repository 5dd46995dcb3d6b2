/**
 * Tensor creation: from nested arrays or typed arrays, constant fills, ranges, identity and
 * seeded random tensors, plus the *Like variants.
 */
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { Tensor } from './tensor.js';
import { type DType, type TypedArray, DTYPES, allocArray, dtypeOfArray, isFloating } from './dtype.js';
import { type Shape, checkShape, numel } from './shape.js';
import { type NestedInput, allBoolean, flatten, inferShape } from './nested.js';
import { type Generator, defaultGenerator } from './random.js';

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends CreateOptions {
  generator?: Generator;
}

function checkDType(op: string, dtype: DType): void {
  if (!DTYPES.includes(dtype)) throw new DTypeError(`${op}: unknown dtype '${String(dtype)}' (expected one of ${DTYPES.join(', ')})`);
}

function finish(t: Tensor, opts: CreateOptions): Tensor {
  return opts.requiresGrad ? t.requiresGrad_() : t;
}

/** allocArray, with an out-of-memory RangeError reported as an ArgumentError of `op`. */
function alloc(op: string, dtype: DType, n: number): TypedArray {
  try {
    return allocArray(dtype, n);
  } catch (e) {
    if (e instanceof RangeError) throw new ArgumentError(`${op}: cannot allocate ${n} elements of ${dtype}: ${e.message}`);
    throw e;
  }
}

const STORAGE_CLASSES = [Float32Array, Float64Array, Int32Array, Uint8Array] as const;

function filled(op: string, shape: Shape, dtype: DType, fill: (i: number) => number): Tensor {
  checkShape(op, shape);
  checkDType(op, dtype);
  const n = numel(shape);
  const data = alloc(op, dtype, n);
  for (let i = 0; i < n; i++) data[i] = fill(i);
  return new Tensor(data, [...shape], dtype);
}

/**
 * A tensor from nested arrays, a number, or a typed array (then `shape` in opts, default 1-d).
 * The dtype is inferred like PyTorch, except that JS has one number type: all booleans -> bool,
 * any number -> float32 (pass `dtype: 'int32'` for integers). A typed array keeps its dtype
 * (Uint8Array is bool) and converts to `opts.dtype` like `cast`: truncation to int32, x != 0 to bool.
 * @example tensor([[1, 2], [3, 4]]).shape // [2, 2]
 */
export function tensor(value: NestedInput | TypedArray, opts: CreateOptions & { shape?: Shape } = {}): Tensor {
  if (ArrayBuffer.isView(value)) {
    if (!STORAGE_CLASSES.some((c) => value instanceof c)) {
      throw new DTypeError(`tensor: unsupported array ${value.constructor.name}; pass a Float32Array, Float64Array, Int32Array or Uint8Array (bool)`);
    }
    const dtype = opts.dtype ?? dtypeOfArray(value);
    checkDType('tensor', dtype);
    const shape = opts.shape ?? [value.length];
    checkShape('tensor', shape);
    if (numel(shape) !== value.length) throw new ShapeError(`tensor: shape [${shape.join(',')}] needs ${numel(shape)} elements, typed array has ${value.length}`);
    const data = alloc('tensor', dtype, value.length);
    if (dtype === 'bool') for (let i = 0; i < value.length; i++) data[i] = value[i] !== 0 ? 1 : 0;
    else for (let i = 0; i < value.length; i++) data[i] = value[i]!;
    return finish(new Tensor(data, [...shape], dtype), opts);
  }
  const shape = inferShape('tensor', value);
  const dtype = opts.dtype ?? (allBoolean(value) ? 'bool' : 'float32');
  checkDType('tensor', dtype);
  const flat = flatten(value);
  if (dtype === 'int32' && flat.some((v) => !Number.isInteger(v))) {
    // PyTorch truncates here too; we say so rather than silently changing values
    throw new DTypeError('tensor: int32 requested but the data holds non-integer or non-finite values; round them first');
  }
  const data = alloc('tensor', dtype, flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = dtype === 'bool' ? (flat[i] ? 1 : 0) : flat[i]!;
  return finish(new Tensor(data, shape, dtype), opts);
}

export const zeros = (shape: Shape, opts: CreateOptions = {}): Tensor => finish(filled('zeros', shape, opts.dtype ?? 'float32', () => 0), opts);
export const ones = (shape: Shape, opts: CreateOptions = {}): Tensor => finish(filled('ones', shape, opts.dtype ?? 'float32', () => 1), opts);

/** A tensor filled with `value`; the dtype defaults from the value (boolean -> bool, else float32). */
export function full(shape: Shape, value: number | boolean, opts: CreateOptions = {}): Tensor {
  const dtype = opts.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return finish(filled('full', shape, dtype, () => Number(value)), opts);
}

/**
 * Values start, start+step, … < end. With one argument: 0 … end-1. Integer arguments give int32
 * (like PyTorch's int64 default), any fractional one gives float32.
 * @example arange(5).toArray() // [0, 1, 2, 3, 4]
 */
export function arange(start: number, end?: number, step = 1, opts: CreateOptions = {}): Tensor {
  const [s, e] = end === undefined ? [0, start] : [start, end];
  if (![s, e, step].every(Number.isFinite)) throw new ArgumentError(`arange: arguments must be finite, got (${s}, ${e}, ${step})`);
  if (step === 0) throw new ArgumentError('arange: step must be non-zero');
  if ((e - s) / step < 0) throw new ArgumentError(`arange: upper bound and step sign are inconsistent (${s}, ${e}, ${step})`);
  const n = Math.ceil((e - s) / step);
  const dtype = opts.dtype ?? ([s, e, step].every(Number.isInteger) ? 'int32' : 'float32');
  return finish(filled('arange', [n], dtype, (i) => s + i * step), opts);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, opts: CreateOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new ArgumentError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // NOTE: like PyTorch, the second half counts back from `end` so the last value is exact;
  // one step gives [start], as in PyTorch
  const half = Math.floor(steps / 2);
  const at = (i: number): number => (steps === 1 || i < half ? start + i * step : end - (steps - 1 - i) * step);
  return finish(filled('linspace', [steps], opts.dtype ?? 'float32', at), opts);
}

/** Identity matrix n × m (m defaults to n). */
export function eye(n: number, m = n, opts: CreateOptions = {}): Tensor {
  return finish(filled('eye', [n, m], opts.dtype ?? 'float32', (i) => (Math.floor(i / m) === i % m ? 1 : 0)), opts);
}

function floatDType(op: string, opts: CreateOptions): DType {
  const dtype = opts.dtype ?? 'float32';
  if (!isFloating(dtype)) throw new DTypeError(`${op}: dtype must be float32 or float64, got ${dtype}`);
  return dtype;
}

/** Uniform samples in [0, 1). */
export function rand(shape: Shape, opts: RandomOptions = {}): Tensor {
  const g = opts.generator ?? defaultGenerator;
  return finish(filled('rand', shape, floatDType('rand', opts), () => g.nextFloat()), opts);
}

/** Standard normal samples. */
export function randn(shape: Shape, opts: RandomOptions = {}): Tensor {
  const g = opts.generator ?? defaultGenerator;
  return finish(filled('randn', shape, floatDType('randn', opts), () => g.nextNormal()), opts);
}

/** Uniform integers in [low, high), int32 by default. */
export function randint(low: number, high: number, shape: Shape, opts: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ArgumentError(`randint: need integers low < high, got (${low}, ${high})`);
  }
  const dtype = opts.dtype ?? 'int32';
  if (dtype === 'int32' && (low < -(2 ** 31) || high > 2 ** 31)) {
    throw new ArgumentError(`randint: range [${low}, ${high}) does not fit in int32; pass dtype: 'float64'`);
  }
  const g = opts.generator ?? defaultGenerator;
  return finish(filled('randint', shape, dtype, () => g.nextInt(low, high)), opts);
}

const likeOpts = <O extends CreateOptions>(x: Tensor, opts: O): O => ({ ...opts, dtype: opts.dtype ?? x.dtype });
export const zerosLike = (x: Tensor, opts: CreateOptions = {}): Tensor => zeros(x.shape, likeOpts(x, opts));
export const onesLike = (x: Tensor, opts: CreateOptions = {}): Tensor => ones(x.shape, likeOpts(x, opts));
export const fullLike = (x: Tensor, v: number | boolean, opts: CreateOptions = {}): Tensor => full(x.shape, v, likeOpts(x, opts));
export const randLike = (x: Tensor, opts: RandomOptions = {}): Tensor => rand(x.shape, likeOpts(x, opts));
export const randnLike = (x: Tensor, opts: RandomOptions = {}): Tensor => randn(x.shape, likeOpts(x, opts));
export const randintLike = (x: Tensor, low: number, high: number, opts: RandomOptions = {}): Tensor => randint(low, high, x.shape, likeOpts(x, opts));
