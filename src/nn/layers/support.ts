/**
 * What the layer files share: the options every parametrised layer takes (dtype, generator),
 * PyTorch-style repr formatting (True, 1e-05, (3, 3)) and the shape error a layer throws when
 * called on an input that does not fit. Internal: not re-exported.
 */
import { ArgumentError, ShapeError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { zeros } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import { Parameter } from '../parameter.js';
import { calculateFanInAndFanOut, kaimingUniform, uniform } from '../init.js';

export interface LayerOptions {
  /** dtype of the parameters and buffers: 'float32' (default) or 'float64'. */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial weights (default: the default Generator). */
  generator?: Generator;
}

/** A shape the way layer errors print it: `[64, 400]`. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** `Linear: expected input [*, 256], got [64, 400]`. */
export function inputError(layer: string, expected: string, x: Tensor): ShapeError {
  return new ShapeError(`${layer}: expected input ${expected}, got ${showShape(x.shape)}`);
}

/** Python's repr of a bool. */
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** Python's repr of a float: 1.0, 0.1, 1e-05. */
export function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/** Python's repr of a number or a tuple: 2, (2, 3), (3,). */
export function pyTuple(v: number | readonly (number | null)[]): string {
  if (typeof v === 'number') return String(v);
  const items = v.map((x) => (x === null ? 'None' : String(x)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** A fresh zero Parameter of `shape`. */
export function param(shape: readonly number[], opts: LayerOptions): Parameter {
  return new Parameter(zeros(shape, { dtype: opts.dtype ?? 'float32' }));
}

/**
 * PyTorch's default init for Linear and the convs (reset_parameters): kaiming_uniform(a=√5) for the
 * weight, which is U(±1/√fanIn), and U(±1/√fanIn) for the bias.
 */
export function defaultInit(weight: Tensor, bias: Tensor | null, opts: LayerOptions): void {
  const g = opts.generator ? { generator: opts.generator } : {};
  kaimingUniform(weight, { a: Math.sqrt(5), ...g });
  const [fanIn] = calculateFanInAndFanOut(weight);
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  if (bias) uniform(bias, -bound, bound, g);
}

/** Throws unless v is an integer ≥ min (1 by default). */
export function checkInt(layer: string, name: string, v: number, min = 1): number {
  if (!Number.isInteger(v) || v < min) throw new ArgumentError(`${layer}: ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/** A number or a tuple of `n` numbers, as a tuple of `n`. */
export function tupleOf(layer: string, name: string, v: number | readonly number[], n: number, min: number): number[] {
  const t = typeof v === 'number' ? Array<number>(n).fill(v) : [...v];
  if (t.length !== n) throw new ArgumentError(`${layer}: ${name} must be a number or ${n} numbers, got [${t.join(', ')}]`);
  t.forEach((x) => checkInt(layer, name, x, min));
  return t;
}

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/**
 * F.pad amounts (last dim first) for a conv with a non-'zeros' padding mode: the symmetric
 * padding, or for 'same' the total d·(k − 1) split with the odd pixel after.
 */
export function modePads(padding: readonly number[] | 'same' | 'valid', kernel: readonly number[], dilation: readonly number[]): number[] {
  const pads: number[] = [];
  for (let i = kernel.length - 1; i >= 0; i--) {
    if (padding === 'valid') pads.push(0, 0);
    else if (padding === 'same') {
      const total = dilation[i]! * (kernel[i]! - 1);
      pads.push(Math.floor(total / 2), total - Math.floor(total / 2));
    } else pads.push(padding[i]!, padding[i]!);
  }
  return pads;
}

export interface ConvReprFields {
  inChannels: number;
  outChannels: number;
  kernelSize: readonly number[];
  stride: readonly number[];
  padding: readonly number[] | 'same' | 'valid';
  dilation: readonly number[];
  outputPadding?: readonly number[];
  groups: number;
  bias: Tensor | null;
  paddingMode: PaddingMode;
}

/** PyTorch's _ConvNd.extra_repr: defaults left out. */
export function convRepr(c: ConvReprFields): string {
  const all = (t: readonly number[], v: number): boolean => t.every((x) => x === v);
  let s = `${c.inChannels}, ${c.outChannels}, kernel_size=${pyTuple(c.kernelSize)}, stride=${pyTuple(c.stride)}`;
  if (typeof c.padding === 'string' || !all(c.padding, 0)) s += `, padding=${typeof c.padding === 'string' ? c.padding : pyTuple(c.padding)}`;
  if (!all(c.dilation, 1)) s += `, dilation=${pyTuple(c.dilation)}`;
  if (c.outputPadding && !all(c.outputPadding, 0)) s += `, output_padding=${pyTuple(c.outputPadding)}`;
  if (c.groups !== 1) s += `, groups=${c.groups}`;
  if (!c.bias) s += ', bias=False';
  if (c.paddingMode !== 'zeros') s += `, padding_mode=${c.paddingMode}`;
  return s;
}
