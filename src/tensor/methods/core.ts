/**
 * Tensor methods for the primitives (one-line delegations). Families of composite ops add their
 * methods in their own files beside this one; src/index.ts installs them all.
 */
import { Tensor } from '../tensor.js';
import * as P from '../../ops/primitives/index.js';
import { cast, type TensorLike } from '../../ops/primitive.js';
import type { DType } from '../dtype.js';

type Dims = number | readonly number[];

declare module '../tensor.js' {
  interface Tensor {
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    pow(exponent: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor;
    minimum(other: TensorLike): Tensor;
    fmod(other: TensorLike): Tensor;
    logicalAnd(other: TensorLike): Tensor;
    logicalOr(other: TensorLike): Tensor;
    logicalNot(): Tensor;
    neg(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    sqrt(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tanh(): Tensor;
    erf(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    round(): Tensor;
    reciprocal(): Tensor;
    to(dtype: DType): Tensor;
    float(): Tensor;
    double(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    sum(dim?: Dims, keepDim?: boolean): Tensor;
    prod(dim?: Dims, keepDim?: boolean): Tensor;
    amax(dim?: Dims, keepDim?: boolean): Tensor;
    argmax(dim?: number, keepDim?: boolean): Tensor;
    cumsum(dim: number): Tensor;
    reshape(...shape: number[] | [readonly number[]]): Tensor;
    view(...shape: number[] | [readonly number[]]): Tensor;
    permute(...dims: number[] | [readonly number[]]): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    /** Transpose of the last two dims (a view). */
    mT(): Tensor;
    /** Transpose of a 2-d tensor (a view). */
    t(): Tensor;
    expand(...shape: number[] | [readonly number[]]): Tensor;
    expandAs(other: Tensor): Tensor;
    slice(dim: number, start?: number, end?: number, step?: number): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    flip(dims: Dims): Tensor;
    /** A contiguous tensor with the same values (this one when already contiguous). */
    contiguous(): Tensor;
    /** A copy in new memory that stays in the graph. */
    clone(): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number): Tensor;
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    bmm(other: Tensor): Tensor;
  }
}

/** Accepts both f(2, 3) and f([2, 3]). */
export function listArg(args: number[] | [readonly number[]]): readonly number[] {
  return Array.isArray(args[0]) ? (args[0] as readonly number[]) : (args as number[]);
}

const T = Tensor.prototype;
T.add = function (o) { return P.add(this, o); };
T.sub = function (o) { return P.sub(this, o); };
T.mul = function (o) { return P.mul(this, o); };
T.div = function (o) { return P.div(this, o); };
T.pow = function (o) { return P.pow(this, o); };
T.maximum = function (o) { return P.maximum(this, o); };
T.minimum = function (o) { return P.minimum(this, o); };
T.fmod = function (o) { return P.fmod(this, o); };
T.logicalAnd = function (o) { return P.logicalAnd(this, o); };
T.logicalOr = function (o) { return P.logicalOr(this, o); };
T.logicalNot = function () { return P.logicalNot(this); };
T.neg = function () { return P.neg(this); };
T.abs = function () { return P.abs(this); };
T.sign = function () { return P.sign(this); };
T.exp = function () { return P.exp(this); };
T.log = function () { return P.log(this); };
T.log1p = function () { return P.log1p(this); };
T.expm1 = function () { return P.expm1(this); };
T.sqrt = function () { return P.sqrt(this); };
T.sin = function () { return P.sin(this); };
T.cos = function () { return P.cos(this); };
T.tanh = function () { return P.tanh(this); };
T.erf = function () { return P.erf(this); };
T.floor = function () { return P.floor(this); };
T.ceil = function () { return P.ceil(this); };
T.round = function () { return P.round(this); };
T.reciprocal = function () { return P.reciprocal(this); };
T.to = function (dtype) { return cast(this, dtype); };
T.float = function () { return cast(this, 'float32'); };
T.double = function () { return cast(this, 'float64'); };
T.int = function () { return cast(this, 'int32'); };
T.bool = function () { return cast(this, 'bool'); };
T.sum = function (dim, keepDim) { return P.sum(this, dim, keepDim); };
T.prod = function (dim, keepDim) { return P.prod(this, dim, keepDim); };
T.amax = function (dim, keepDim) { return P.amax(this, dim, keepDim); };
T.argmax = function (dim, keepDim) { return P.argmax(this, dim, keepDim); };
T.cumsum = function (dim) { return P.cumsum(this, dim); };
T.reshape = function (...s) { return P.reshape(this, listArg(s)); };
T.view = function (...s) { return P.view(this, listArg(s)); };
T.permute = function (...d) { return P.permute(this, listArg(d)); };
T.transpose = function (a, b) { return P.transpose(this, a, b); };
T.mT = function () { return P.transpose(this, -2, -1); };
T.t = function () { return P.transpose(this, 0, -1); };
T.expand = function (...s) { return P.expand(this, listArg(s)); };
T.expandAs = function (o) { return P.expand(this, o.shape); };
T.slice = function (dim, start, end, step) { return P.slice(this, dim, start, end, step); };
T.narrow = function (dim, start, length) { return P.narrow(this, dim, start, length); };
T.flip = function (dims) { return P.flip(this, dims); };
T.contiguous = function () { return this.isContiguous() ? this : cast(this, this.dtype, true); };
T.clone = function () { return cast(this, this.dtype, true); };
T.gather = function (dim, index) { return P.gather(this, dim, index); };
T.scatter = function (dim, index, src) { return P.scatter(this, dim, index, src); };
T.scatterAdd = function (dim, index, src) { return P.scatterAdd(this, dim, index, src); };
T.bmm = function (o) { return P.bmm(this, o); };
