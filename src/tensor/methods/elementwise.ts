/**
 * Tensor methods for the 'elementwise' composite family (one-line delegations to
 * src/ops/composite/elementwise); src/index.ts installs them.
 */
import { Tensor } from '../tensor.js';
import * as E from '../../ops/composite/elementwise/index.js';
import type { TensorLike } from '../../ops/primitive.js';

declare module '../tensor.js' {
  interface Tensor {
    rsqrt(): Tensor;
    square(): Tensor;
    sigmoid(): Tensor;
    logSigmoid(): Tensor;
    relu(): Tensor;
    leakyRelu(negativeSlope?: number): Tensor;
    elu(alpha?: number): Tensor;
    selu(): Tensor;
    gelu(approximate?: E.GeluApproximate): Tensor;
    silu(): Tensor;
    softplus(beta?: number, threshold?: number): Tensor;
    mish(): Tensor;
    clamp(min?: E.ClampBound, max?: E.ClampBound): Tensor;
    hardtanh(minVal?: number, maxVal?: number): Tensor;
    eq(other: TensorLike): Tensor;
    ne(other: TensorLike): Tensor;
    lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor;
    gt(other: TensorLike): Tensor;
    ge(other: TensorLike): Tensor;
    logicalXor(other: TensorLike): Tensor;
    maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor;
  }
}

const T = Tensor.prototype;
T.rsqrt = function () { return E.rsqrt(this); };
T.square = function () { return E.square(this); };
T.sigmoid = function () { return E.sigmoid(this); };
T.logSigmoid = function () { return E.logSigmoid(this); };
T.relu = function () { return E.relu(this); };
T.leakyRelu = function (negativeSlope) { return E.leakyRelu(this, negativeSlope); };
T.elu = function (alpha) { return E.elu(this, alpha); };
T.selu = function () { return E.selu(this); };
T.gelu = function (approximate) { return E.gelu(this, approximate); };
T.silu = function () { return E.silu(this); };
T.softplus = function (beta, threshold) { return E.softplus(this, beta, threshold); };
T.mish = function () { return E.mish(this); };
T.clamp = function (min, max) { return E.clamp(this, min, max); };
T.hardtanh = function (minVal, maxVal) { return E.hardtanh(this, minVal, maxVal); };
T.eq = function (o) { return E.eq(this, o); };
T.ne = function (o) { return E.ne(this, o); };
T.lt = function (o) { return E.lt(this, o); };
T.le = function (o) { return E.le(this, o); };
T.gt = function (o) { return E.gt(this, o); };
T.ge = function (o) { return E.ge(this, o); };
T.logicalXor = function (o) { return E.logicalXor(this, o); };
T.maskedFill = function (mask, value) { return E.maskedFill(this, mask, value); };
