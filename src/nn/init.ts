/**
 * Weight initialisers, PyTorch's torch.nn.init: each fills a tensor (usually a Parameter) in place
 * through `assign_`, outside the autograd graph, and returns it. Draws come from the default
 * Generator (`manualSeed`) unless one is passed. Exported as the `init` namespace
 * (`init.kaimingUniform(w)`), so `init.zeros` does not clash with the creation function `zeros`.
 * Not bit-identical to PyTorch's draws (a different generator), only equal in distribution.
 */
import { ArgumentError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { tensor } from '../tensor/create.js';
import { type Generator, defaultGenerator } from '../tensor/random.js';
import { assign_ } from './parameter.js';

export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

export type FanMode = 'fan_in' | 'fan_out';

export interface RandomInitOptions {
  generator?: Generator;
}

/**
 * The recommended gain for a nonlinearity (PyTorch's calculate_gain): 1 for linear, conv and
 * sigmoid, 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leaky_relu (slope `param`, default
 * 0.01), 3/4 for selu.
 * @example init.calculateGain('relu') // 1.4142136
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) throw new ArgumentError(`calculateGain: negative slope ${slope} is not a finite number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu': return 3 / 4;
    case 'linear': case 'sigmoid': case 'conv1d': case 'conv2d': case 'conv3d':
    case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d':
      return 1;
    default: throw new ArgumentError(`calculateGain: unsupported nonlinearity '${String(nonlinearity)}'`);
  }
}

/**
 * [fanIn, fanOut] of a weight, PyTorch's rule: dim 1 and dim 0 times the receptive field (the
 * product of dims 2…). Linear [out, in] -> [in, out]; Conv2d [out, in/g, kh, kw] -> [in/g·kh·kw, out·kh·kw].
 * @example init.calculateFanInAndFanOut(zeros([8, 3, 5, 5])) // [75, 200]
 */
export function calculateFanInAndFanOut(w: Tensor): [number, number] {
  if (w.ndim < 2) throw new ArgumentError(`init: fan in and fan out need a tensor with at least 2 dims, got ${fmtShape(w.shape)}`);
  const receptive = w.shape.slice(2).reduce((a, b) => a * b, 1);
  return [w.shape[1]! * receptive, w.shape[0]! * receptive];
}

function fill(w: Tensor, draw: () => number): Tensor {
  const data = new Float64Array(w.numel);
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return assign_(w, tensor(data, { shape: w.shape, dtype: 'float64' }));
}

/**
 * Fills w with U(a, b).
 * @example const w = init.uniform(zeros([100]), -2, 2); w.abs().amax().item() <= 2 // true
 */
export function uniform(w: Tensor, a = 0, b = 1, opts: RandomInitOptions = {}): Tensor {
  if (!(a <= b)) throw new ArgumentError(`init.uniform: need a <= b, got a=${a}, b=${b}`);
  const g = opts.generator ?? defaultGenerator;
  return fill(w, () => a + (b - a) * g.nextFloat());
}

/**
 * Fills w with N(mean, std²).
 * @example init.normal(zeros([2]), 3, 0).toArray() // [3, 3]
 */
export function normal(w: Tensor, mean = 0, std = 1, opts: RandomInitOptions = {}): Tensor {
  if (!(std >= 0)) throw new ArgumentError(`init.normal: std must be >= 0, got ${std}`);
  const g = opts.generator ?? defaultGenerator;
  return fill(w, () => mean + std * g.nextNormal());
}

/**
 * Fills w with `value`.
 * @example init.constant(zeros([2]), 0.5).toArray() // [0.5, 0.5]
 */
export function constant(w: Tensor, value: number): Tensor {
  return fill(w, () => value);
}

/**
 * Fills w with 0.
 * @example init.zeros(ones([2])).toArray() // [0, 0]
 */
export function zeros(w: Tensor): Tensor {
  return constant(w, 0);
}

/**
 * Fills w with 1.
 * @example init.ones(zeros([2])).toArray() // [1, 1]
 */
export function ones(w: Tensor): Tensor {
  return constant(w, 1);
}

/**
 * Glorot/Xavier uniform: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)).
 * @example const w = init.xavierUniform(zeros([20, 30])); w.abs().amax().item() <= Math.sqrt(6 / 50) // true
 */
export function xavierUniform(w: Tensor, gain = 1, opts: RandomInitOptions = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(w);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(w, -a, a, opts);
}

/**
 * Glorot/Xavier normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)).
 * @example init.xavierNormal(zeros([4, 4])).shape // [4, 4]
 */
export function xavierNormal(w: Tensor, gain = 1, opts: RandomInitOptions = {}): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(w);
  return normal(w, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), opts);
}

export interface KaimingOptions extends RandomInitOptions {
  /** Negative slope of the leaky_relu that follows (only used for 'leaky_relu'); default 0. */
  a?: number;
  /** 'fan_in' (default) preserves the forward variance, 'fan_out' the backward one. */
  mode?: FanMode;
  /** Default 'leaky_relu', as in PyTorch. */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, w: Tensor, opts: KaimingOptions): number {
  const mode = opts.mode ?? 'fan_in';
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ArgumentError(`${op}: mode must be 'fan_in' or 'fan_out', got '${String(mode)}'`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(w);
  const fan = mode === 'fan_in' ? fanIn : fanOut;
  if (fan === 0) return 0; // PyTorch warns and leaves an empty tensor; nothing to fill
  return calculateGain(opts.nonlinearity ?? 'leaky_relu', opts.a ?? 0) / Math.sqrt(fan);
}

/**
 * He/Kaiming uniform: U(−b, b) with b = gain·√(3 / fan). `nn.Linear` and the convs use
 * `{ a: √5 }`, which gives b = 1/√fanIn.
 * @example const w = init.kaimingUniform(zeros([8, 16]), { a: Math.sqrt(5) }); w.abs().amax().item() <= 0.25 // true
 */
export function kaimingUniform(w: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd('init.kaimingUniform', w, opts);
  return uniform(w, -bound, bound, opts);
}

/**
 * He/Kaiming normal: N(0, std²) with std = gain / √fan.
 * @example init.kaimingNormal(zeros([3, 5]), { nonlinearity: 'relu', mode: 'fan_out' }).shape // [3, 5]
 */
export function kaimingNormal(w: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal(w, 0, kaimingStd('init.kaimingNormal', w, opts), opts);
}

/**
 * Glorot uniform is Xavier uniform (Keras's name).
 * @example init.glorotUniform === init.xavierUniform // true
 */
export const glorotUniform = xavierUniform;
/**
 * Glorot normal is Xavier normal (Keras's name).
 * @example init.glorotNormal === init.xavierNormal // true
 */
export const glorotNormal = xavierNormal;
/**
 * He uniform is Kaiming uniform (Keras's name).
 * @example init.heUniform === init.kaimingUniform // true
 */
export const heUniform = kaimingUniform;
/**
 * He normal is Kaiming normal (Keras's name).
 * @example init.heNormal === init.kaimingNormal // true
 */
export const heNormal = kaimingNormal;

/**
 * A (semi-)orthogonal matrix times `gain` (Saxe et al.): w viewed as [rows, numel/rows] has
 * orthonormal rows (rows ≤ cols) or columns. Like PyTorch: QR of a normal sample, with the signs
 * fixed so R has a positive diagonal (here modified Gram–Schmidt, which gives that directly).
 * @example const w = init.orthogonal(zeros([3, 3])); matmul(w, w.t()).sub(eye(3)).abs().amax().item() < 1e-5 // true
 */
export function orthogonal(w: Tensor, gain = 1, opts: RandomInitOptions = {}): Tensor {
  if (w.ndim < 2) throw new ArgumentError(`init.orthogonal: needs a tensor with at least 2 dims, got ${fmtShape(w.shape)}`);
  const rows = w.shape[0]!;
  const cols = rows === 0 ? 0 : w.numel / rows;
  if (w.numel === 0) return w;
  const g = opts.generator ?? defaultGenerator;
  // columns of a tall [n, k] matrix (n >= k); the transpose for wide weights
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  const q: Float64Array[] = [];
  const sample: Float64Array[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const [c, r] = rows >= cols ? [j, i] : [i, j];
    (sample[c] ??= new Float64Array(n))[r] = g.nextNormal();
  }
  for (let j = 0; j < k; j++) {
    const v = sample[j]!;
    for (const u of q) {
      let d = 0;
      for (let r = 0; r < n; r++) d += u[r]! * v[r]!;
      for (let r = 0; r < n; r++) v[r]! -= d * u[r]!;
    }
    let len = 0;
    for (let r = 0; r < n; r++) len += v[r]! * v[r]!;
    len = Math.sqrt(len);
    for (let r = 0; r < n; r++) v[r]! /= len;
    q.push(v);
  }
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    out[i * cols + j] = gain * (rows >= cols ? q[j]![i]! : q[i]![j]!);
  }
  return assign_(w, tensor(out, { shape: w.shape, dtype: 'float64' }));
}
