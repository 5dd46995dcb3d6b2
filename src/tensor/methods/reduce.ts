/** Tensor methods for the 'reduce' composite family (one-line delegations; see src/ops/composite/reduce/). */
import { Tensor } from '../tensor.js';
import * as R from '../../ops/composite/reduce/index.js';

type Dims = number | readonly number[];

declare module '../tensor.js' {
  interface Tensor {
    /** Mean over `dim` (one, a list, or all). Float tensors only. */
    mean(dim?: Dims, keepDim?: boolean): Tensor;
    /** Variance over `dim`; `unbiased` (default true) divides by N − 1. */
    var(dim?: Dims, unbiased?: boolean, keepDim?: boolean): Tensor;
    /** Standard deviation over `dim`; `unbiased` (default true) divides by N − 1. */
    std(dim?: Dims, unbiased?: boolean, keepDim?: boolean): Tensor;
    /** The largest value (0-d). */
    max(): Tensor;
    /** The largest values along `dim` and their int32 indices. */
    max(dim: number, keepDim?: boolean): R.ValuesIndices;
    /** The smallest value (0-d). */
    min(): Tensor;
    /** The smallest values along `dim` and their int32 indices. */
    min(dim: number, keepDim?: boolean): R.ValuesIndices;
    /** Smallest value over `dim` (one, a list, or all). */
    amin(dim?: Dims, keepDim?: boolean): Tensor;
    /** Index (int32) of the smallest value along `dim`, or of the flattened tensor. */
    argmin(dim?: number, keepDim?: boolean): Tensor;
    /** log Σ exp over `dim`, numerically stable. */
    logsumexp(dim?: Dims, keepDim?: boolean): Tensor;
    /** The p-norm over `dim` (p = 2 by default; 1, ±Infinity, 0, 'fro' or any p > 0). */
    norm(p?: R.NormOrder, dim?: Dims, keepDim?: boolean): Tensor;
    /** Softmax along `dim`. */
    softmax(dim: number): Tensor;
    /** log(softmax) along `dim`, computed stably. */
    logSoftmax(dim: number): Tensor;
    /** Matrix product with PyTorch's broadcasting and 1-d rules. */
    matmul(other: Tensor): Tensor;
    /** Product of two matrices. */
    mm(other: Tensor): Tensor;
    /** Matrix-vector product. */
    mv(vec: Tensor): Tensor;
    /** Inner product of two vectors. */
    dot(other: Tensor): Tensor;
    /** Outer product of two vectors. */
    outer(other: Tensor): Tensor;
  }
}

const T = Tensor.prototype;
T.mean = function (dim, keepDim) { return R.mean(this, dim, keepDim); };
T.var = function (dim, unbiased, keepDim) { return R.variance(this, dim, unbiased, keepDim); };
T.std = function (dim, unbiased, keepDim) { return R.std(this, dim, unbiased, keepDim); };
T.max = function (this: Tensor, dim?: number, keepDim?: boolean) { return dim === undefined ? R.max(this) : R.max(this, dim, keepDim); } as Tensor['max'];
T.min = function (this: Tensor, dim?: number, keepDim?: boolean) { return dim === undefined ? R.min(this) : R.min(this, dim, keepDim); } as Tensor['min'];
T.amin = function (dim, keepDim) { return R.amin(this, dim, keepDim); };
T.argmin = function (dim, keepDim) { return R.argmin(this, dim, keepDim); };
T.logsumexp = function (dim, keepDim) { return R.logsumexp(this, dim, keepDim); };
T.norm = function (p, dim, keepDim) { return R.norm(this, p, dim, keepDim); };
T.softmax = function (dim) { return R.softmax(this, dim); };
T.logSoftmax = function (dim) { return R.logSoftmax(this, dim); };
T.matmul = function (o) { return R.matmul(this, o); };
T.mm = function (o) { return R.mm(this, o); };
T.mv = function (v) { return R.mv(this, v); };
T.dot = function (o) { return R.dot(this, o); };
T.outer = function (o) { return R.outer(this, o); };
