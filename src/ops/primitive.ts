/**
 * How ops are defined: `defineUnary`/`defineBinary` for elementwise primitives (the formula is
 * written once as `scalar`; backends build kernels from it) and `record` for every other op,
 * which attaches the backward rule to the output when grad mode is on and an input needs grad.
 */
import { ArgumentError, DTypeError } from '../errors.js';
import { isGradEnabled } from '../autograd/grad_mode.js';
import { makeNode, type Vjp } from '../autograd/node.js';
import { anomaly } from '../autograd/anomaly_flag.js';
import { markFresh } from '../autograd/grad_buffers.js';
import { kernels } from '../backend/registry.js';
import type { BinaryName, UnaryName, View } from '../backend/kernel_types.js';
import { Tensor } from '../tensor/tensor.js';
import { type DType, type Operand, allocArray, isFloating, resultType, scalarDType } from '../tensor/dtype.js';
import { type Shape, broadcastShapes, numel, shapesEqual } from '../tensor/shape.js';

/** A tensor, or a JS number/boolean used as a scalar operand (PyTorch's Python scalars). */
export type TensorLike = Tensor | number | boolean;

/** A fresh contiguous tensor of zeros (uninitialised in spirit: callers overwrite it). */
export function empty(shape: Shape, dtype: DType): Tensor {
  const data = allocArray(dtype, numel(shape));
  markFresh(data);
  return new Tensor(data, [...shape], dtype);
}

/** A 0-d tensor holding `v`. */
export function scalar(v: number | boolean, dtype: DType = scalarDType(v)): Tensor {
  const t = empty([], dtype);
  t.data[0] = typeof v === 'boolean' ? Number(v) : v;
  return t;
}

/** Throws unless `x` is a tensor, number or boolean (guards untyped JS callers). */
export function checkOperand(op: string, x: TensorLike): void {
  if (!(x instanceof Tensor) && typeof x !== 'number' && typeof x !== 'boolean') {
    throw new ArgumentError(`${op}: expected a Tensor, number or boolean, got ${x === null ? 'null' : typeof x}`);
  }
}

export function operandOf(x: TensorLike): Operand {
  if (x instanceof Tensor) return { dtype: x.dtype, kind: x.ndim === 0 ? 'zeroDim' : 'tensor' };
  return { dtype: scalarDType(x), kind: 'scalar' };
}

/** Attaches the backward rule to `out` if any input requires grad and grad mode is on. */
export function record<A>(name: string, inputs: readonly Tensor[], attrs: A, vjp: Vjp<A>, out: Tensor): Tensor {
  if (anomaly.on) anomaly.checker?.forward(name, inputs, out);
  if (isGradEnabled() && inputs.some((t) => t.requiresGrad) && isFloating(out.dtype)) {
    out.gradFn = makeNode(name, inputs, attrs, vjp);
  }
  return out;
}

/** A view of `x` broadcast to `shape` (stride 0 on new and size-1 dims). Metadata only, no graph. */
export function broadcastView(x: View, shape: Shape): View {
  const nd = shape.length;
  const off = nd - x.shape.length;
  const strides = shape.map((s, d) => (d < off || x.shape[d - off] !== s ? 0 : x.strides[d - off]!));
  return { data: x.data, shape, strides, offset: x.offset };
}

// ---- cast is the one primitive every other elementwise op needs, so it lives here ----

/**
 * Converts to `dtype` (a copy, even when the dtype is unchanged and `force` is set).
 * float -> int32 truncates toward zero; anything -> bool is x != 0.
 */
export function cast(x: Tensor, dtype: DType, force = false): Tensor {
  if (x.dtype === dtype && !force) return x;
  const out = empty(x.shape, dtype);
  kernels().cast(x, out);
  // d/dx cast(x) = 1, cast back to the input's dtype
  return record('cast', [x], x.dtype, ({ dy, attrs }) => [isFloating(attrs) ? cast(dy, attrs) : null], out);
}

export interface ScalarFormula<F> {
  /** The formula for the js backend. */
  readonly js: F;
  /** The same formula in C (float `x`, `a`, `b`), for generated native kernels. */
  readonly c: string;
}

export interface UnarySpec {
  readonly name: Exclude<UnaryName, 'cast'>;
  readonly scalar: ScalarFormula<(x: number) => number>;
  /** 'float': ints and bools compute as float32 (exp); 'same': keeps the dtype (neg); 'bool': bool output (logicalNot). */
  readonly dtype: 'float' | 'same' | 'bool';
  readonly vjp?: Vjp<null>;
}

export type UnaryPrimitive = ((x: TensorLike) => Tensor) & { readonly spec: UnarySpec; readonly scalar: UnarySpec['scalar'] };

export function defineUnary(spec: UnarySpec): UnaryPrimitive {
  const { name, vjp } = spec;
  const fn = (input: TensorLike): Tensor => {
    checkOperand(name, input);
    let x = input instanceof Tensor ? input : scalar(input);
    if (spec.dtype === 'float' && !isFloating(x.dtype)) x = cast(x, 'float32');
    if (spec.dtype === 'same' && x.dtype === 'bool') throw new DTypeError(`${name}: bool tensors are not supported; cast first`);
    const out = empty(x.shape, spec.dtype === 'bool' ? 'bool' : x.dtype);
    kernels()[name](x, out);
    if (vjp) return record(name, [x], null, vjp, out);
    if (anomaly.on) anomaly.checker?.forward(name, [x], out);
    return out;
  };
  return Object.assign(fn, { spec, scalar: spec.scalar });
}

export interface BinarySpec {
  readonly name: BinaryName;
  readonly scalar: ScalarFormula<(a: number, b: number) => number>;
  /**
   * 'promote': PyTorch result type (add); 'float': result type, ints go to float32 (div);
   * 'compare': compute in the result type, output bool (lt); 'logical': any inputs, bool output.
   */
  readonly dtype: 'promote' | 'float' | 'compare' | 'logical';
  /** Throw a DTypeError for bool operands, as PyTorch does (sub, pow, fmod). */
  readonly rejectsBool?: boolean;
  readonly vjp?: Vjp<null>;
}

export type BinaryPrimitive = ((a: TensorLike, b: TensorLike) => Tensor) & { readonly spec: BinarySpec; readonly scalar: BinarySpec['scalar'] };

/** Converts both operands to tensors of the op's compute dtype (scalars become 0-d tensors). */
export function prepareOperands(op: string, a: TensorLike, b: TensorLike, rule: BinarySpec['dtype']): [Tensor, Tensor, DType] {
  checkOperand(op, a);
  checkOperand(op, b);
  let dt = resultType([operandOf(a), operandOf(b)]);
  if (rule === 'float' && !isFloating(dt)) dt = 'float32';
  if (rule === 'logical') {
    const ta = a instanceof Tensor ? a : scalar(a);
    const tb = b instanceof Tensor ? b : scalar(b);
    return [ta, tb, 'bool'];
  }
  const ta = a instanceof Tensor ? cast(a, dt) : scalar(a, dt);
  const tb = b instanceof Tensor ? cast(b, dt) : scalar(b, dt);
  return [ta, tb, rule === 'compare' ? 'bool' : dt];
}

export function defineBinary(spec: BinarySpec): BinaryPrimitive {
  const { name, vjp } = spec;
  const fn = (a: TensorLike, b: TensorLike): Tensor => {
    if (spec.rejectsBool && (operandOf(a).dtype === 'bool' || operandOf(b).dtype === 'bool')) {
      throw new DTypeError(`${name}: bool operands are not supported (${operandOf(a).dtype}, ${operandOf(b).dtype}); cast first`);
    }
    const [ta, tb, outDtype] = prepareOperands(name, a, b, spec.dtype);
    const shape = shapesEqual(ta.shape, tb.shape) ? ta.shape : broadcastShapes(name, ta.shape, tb.shape);
    const out = empty(shape, outDtype);
    kernels()[name](broadcastView(ta, shape), broadcastView(tb, shape), out);
    // NOTE: bool arithmetic (add = or, mul = and) must store 0/1, never 1 + 1 = 2
    if (outDtype === 'bool' && spec.dtype === 'promote') for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i] ? 1 : 0;
    if (vjp) return record(name, [ta, tb], null, vjp, out);
    if (anomaly.on) anomaly.checker?.forward(name, [ta, tb], out);
    return out;
  };
  return Object.assign(fn, { spec, scalar: spec.scalar });
}
