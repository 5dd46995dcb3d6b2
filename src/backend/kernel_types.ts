/**
 * The closed set of primitives a backend implements, and the signature of each kernel.
 * A backend's table is checked against `KernelTable` with `satisfies`: a missing kernel is a
 * compile error. Everything else in Myelin is composed from these (or is a metadata-only view).
 */
import type { TypedArray } from '../tensor/dtype.js';

/** A strided window on a storage array. A Tensor is a View. */
export interface View {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Elementwise x -> out; `x` has out's shape (any strides), `out` is contiguous. */
export type UnaryKernel = (x: View, out: View) => void;
/** Elementwise (a, b) -> out; a and b are already broadcast to out's shape (stride 0 on broadcast dims). */
export type BinaryKernel = (a: View, b: View, out: View) => void;
/** Reduces `dims` of x into out, whose shape is x's with those dims set to 1 (keepDim layout). */
export type ReduceKernel = (x: View, dims: readonly number[], out: View) => void;

export type UnaryName =
  | 'neg' | 'abs' | 'sign' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'sin' | 'cos' | 'tanh'
  | 'erf' | 'floor' | 'ceil' | 'round' | 'reciprocal' | 'logicalNot' | 'cast';

export type BinaryName =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'fmod'
  | 'cmpEq' | 'cmpLt' | 'cmpLe' | 'logicalAnd' | 'logicalOr';

export type ReduceName = 'sum' | 'prod' | 'amax';

/** Geometry of a sliding window over the last two dims of an NCHW tensor. */
export interface WindowParams {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
}

export interface OtherKernels {
  /** out = cond ? a : b; all three broadcast to out's shape. */
  readonly where: (cond: View, a: View, b: View, out: View) => void;
  /** Index of the largest element along `dim` (first on ties; NaN counts as largest). out: keepDim shape, int32. */
  readonly argmax: (x: View, dim: number, out: View) => void;
  /** Inclusive running sum along `dim`. */
  readonly cumsum: (x: View, dim: number, out: View) => void;
  /** Batched matrix product: a [B,M,K] @ b [B,K,N] -> out [B,M,N]; a and b may have any strides. */
  readonly matmul: (a: View, b: View, out: View) => void;
  /** Constant padding: `pads[d] = [before, after]` per dim (non-negative). */
  readonly pad: (x: View, pads: readonly (readonly [number, number])[], value: number, out: View) => void;
  /** Concatenation of inputs along `dim`. */
  readonly cat: (xs: readonly View[], dim: number, out: View) => void;
  /** out[i][j] = x[i][index[i][j]] (for dim 1); index has out's shape. */
  readonly gather: (x: View, dim: number, index: View, out: View) => void;
  /** out = x with out[index[i][j]][j] = src[i][j] (dim 0); `accumulate` adds instead of writing. */
  readonly scatter: (x: View, dim: number, index: View, src: View, accumulate: boolean, out: View) => void;
  /** x [N,C,H,W] -> out [N, C*kh*kw, L]: sliding windows as columns; padded cells hold `padValue`. */
  readonly im2col: (x: View, p: WindowParams, padValue: number, out: View) => void;
  /** Adjoint of im2col: cols [N, C*kh*kw, L] summed back into out [N,C,H,W]. */
  readonly col2im: (cols: View, p: WindowParams, out: View) => void;
}

export type KernelTable =
  { readonly [N in UnaryName]: UnaryKernel } &
  { readonly [N in BinaryName]: BinaryKernel } &
  { readonly [N in ReduceName]: ReduceKernel } &
  OtherKernels;

export type PrimitiveName = keyof KernelTable;
