/**
 * linear: y = x·Wᵀ + b, PyTorch's F.linear (the weight is stored [out, in], as nn.Linear keeps it).
 */
import { ShapeError, fmtShape } from '../../errors.js';
import { fusedKernels, isDense, unfilled } from '../../backend/native/fused.js';
import { Tensor } from '../../tensor/tensor.js';
import { add, transpose } from '../../ops/primitives/index.js';
import { matmul } from '../../ops/composite/index.js';
import { compositeVjp, dense, needsGraph, reluMasked } from '../../ops/fused.js';
import { record } from '../../ops/primitive.js';
import { relu } from '../../ops/composite/elementwise/relu.js';
import { scopedPack } from '../inference_mode.js';
import type { FusedKernels } from '../../backend/native/fused.js';

/**
 * x: (*, in), weight: (out, in), bias: (out) or null -> (*, out).
 * @example functional.linear(ones([2, 3]), ones([4, 3]), zeros([4])).shape // [2, 4]
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  checkLinear(x, weight);
  return fusedLinear(x, weight, bias, false) ?? compositeLinear(x, weight, bias);
}

/**
 * relu(linear(x, weight, bias)) in one op: on the native backend the ReLU runs in the GEMM's bias
 * pass (no second pass, no second array), elsewhere it is the two ops. Same values and gradients.
 * What `Sequential` calls for a Linear followed by a ReLU.
 * @example functional.linearRelu(ones([1, 2]), tensor([[1, 1], [-1, -1]])).toArray() // [[2, 0]]
 */
export function linearRelu(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  checkLinear(x, weight);
  return fusedLinear(x, weight, bias, true) ?? relu(compositeLinear(x, weight, bias));
}

function checkLinear(x: Tensor, weight: Tensor): void {
  const inFeatures = weight.shape[1];
  if (weight.ndim !== 2 || x.ndim < 1 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new ShapeError(`linear: input ${fmtShape(x.shape)} does not fit weight ${fmtShape(weight.shape)} (need input [*, in] and weight [out, in])`);
  }
}

/** The composite: a matmul with the transposed weight (a view), then the bias. */
function compositeLinear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const y = matmul(x, transpose(weight, 0, 1));
  return bias ? add(y, bias) : y;
}

/**
 * Fused native linear for dense float32 x (≥ 2-d), weight and bias: one GEMM with the bias added
 * in place; backward is two GEMMs (dW straight into the weight's [out, in] layout) and one
 * column-sum pass (`relu`: the ReLU in the bias pass, and dy masked by y > 0 first in backward).
 * Undefined when the native kernels cannot take the tensors.
 */
function fusedLinear(x: Tensor, weight: Tensor, bias: Tensor | null | undefined, withRelu: boolean): Tensor | undefined {
  const f = fusedKernels();
  const isF32 = (t: Tensor | null | undefined): boolean => !t || (t.dtype === 'float32' && isDense(t));
  const [N, K] = weight.shape as [number, number];
  if (!f || x.ndim < 2 || K === 0 || !isF32(x) || !isF32(weight) || !isF32(bias)) return undefined;
  const M = x.numel / K;
  // the kernels overwrite every element of their outputs: no zero-fill (unfilled)
  const yShape = [...x.shape.slice(0, -1), N];
  const y = new Tensor(unfilled(yShape, 'float32'), yShape, 'float32');
  const arr = (t: Tensor | null | undefined): Float32Array | null => (t ? (t.data as Float32Array) : null);
  // inside inferenceMode the weight is packed once for the scope (nn/inference_mode.ts)
  const packed = f.linearForwardPacked ? scopePackedWeight(f, weight) : undefined;
  if (packed) f.linearForwardPacked!(arr(x)!, packed, arr(bias), arr(y)!, M, K, N, withRelu ? 1 : 0);
  else f.linearForward(arr(x)!, arr(weight)!, arr(bias), arr(y)!, M, K, N, withRelu ? 1 : 0);
  return record(withRelu ? 'linear+relu' : 'linear', bias ? [x, weight, bias] : [x, weight], null, ({ dy, y: yo, inputs }) => {
    if (needsGraph()) return compositeVjp((a, w, b) => (withRelu ? relu : (t: Tensor) => t)(compositeLinear(a!, w!, b)), inputs, dy);
    const [xi, wi, bi] = inputs;
    const grad = (t: Tensor | undefined): Tensor | null => (t?.requiresGrad ? new Tensor(unfilled(t.shape, 'float32'), [...t.shape], 'float32') : null);
    const [dx, dw, db] = [grad(xi), grad(wi), grad(bi)];
    const dz = withRelu ? reluMasked(f, yo, dy) : arr(dense(dy))!;
    f.linearBackward(arr(xi)!, arr(wi)!, dz, arr(dx), arr(dw), arr(db), M, K, N);
    return bi ? [dx, dw, db] : [dx, dw];
  }, y);
}

/**
 * Inside inferenceMode, a dense float32 weight [N,K] packed as the GEMM's B = weightᵀ
 * (native/src/gemm.h, sgemm_pack_b), made on first use in the scope; otherwise undefined.
 */
export function scopePackedWeight(f: FusedKernels, weight: Tensor): Float32Array | undefined {
  if (!f.linearPackedSize || !f.linearPack) return undefined;
  const [N, K] = weight.shape as [number, number];
  return scopedPack(weight, () => {
    const packed = new Float32Array(f.linearPackedSize!(K, N));
    f.linearPack!(weight.data as Float32Array, packed, K, N);
    return packed;
  });
}
