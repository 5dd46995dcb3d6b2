/**
 * Dtypes, their storage arrays and PyTorch's type-promotion rules.
 * Categories rank bool < int < float; within floats the wider wins. A Python-style scalar (a JS
 * number or boolean) or a 0-d tensor only lifts the category, never the width inside a category.
 */
import { DTypeError } from '../errors.js';

export type DType = 'float32' | 'float64' | 'int32' | 'bool';
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface TypedArrayFor {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Allocates a zero-filled storage array for `dtype`. */
export function allocArray(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
}

export const isFloating = (d: DType): boolean => d === 'float32' || d === 'float64';

type Category = 0 | 1 | 2;
const category = (d: DType): Category => (d === 'bool' ? 0 : d === 'int32' ? 1 : 2);
const width: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** Promotes two tensor dtypes of the same dimension class (both n-d or both 0-d). */
export function promoteTypes(a: DType, b: DType): DType {
  return width[a] >= width[b] ? a : b;
}

/**
 * Dtype a JS scalar gets when it takes part in an op: bool, int32, or float32. NOTE: integers
 * outside int32 (1e300 is an integer to JS) count as floats, so they never wrap around.
 */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 ? 'int32' : 'float32';
}

export interface Operand {
  dtype: DType;
  /** 'tensor' for n-d tensors, 'zeroDim' for 0-d tensors, 'scalar' for JS numbers. */
  kind: 'tensor' | 'zeroDim' | 'scalar';
}

/**
 * PyTorch's result_type: n-d tensors decide, unless a 0-d tensor or scalar belongs to a higher
 * category, in which case that category's default (or the 0-d tensor's dtype) is used.
 * @example resultType([{dtype:'int32',kind:'tensor'},{dtype:'float32',kind:'scalar'}]) // 'float32'
 */
export function resultType(operands: readonly Operand[]): DType {
  let dims: DType | undefined;
  let zero: DType | undefined;
  let scalar: DType | undefined;
  for (const o of operands) {
    if (o.kind === 'tensor') dims = dims === undefined ? o.dtype : promoteTypes(dims, o.dtype);
    else if (o.kind === 'zeroDim') zero = zero === undefined ? o.dtype : promoteTypes(zero, o.dtype);
    else scalar = scalar === undefined ? o.dtype : promoteTypes(scalar, o.dtype);
  }
  let out = dims;
  for (const next of [zero, scalar]) {
    if (next === undefined) continue;
    if (out === undefined) out = next;
    else if (category(next) > category(out)) out = next;
  }
  if (out === undefined) throw new DTypeError('resultType: no operands');
  return out;
}

/** The float dtype an op like `exp` computes in: floats stay, ints and bools go to float32. */
export function toFloating(d: DType): DType {
  return isFloating(d) ? d : 'float32';
}

/** Throws a DTypeError unless `d` is a floating dtype. */
export function assertFloating(op: string, d: DType, what = 'input'): void {
  if (!isFloating(d)) throw new DTypeError(`${op}: ${what} must be float32 or float64, got ${d}`);
}
