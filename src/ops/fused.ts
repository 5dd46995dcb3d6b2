/**
 * Helpers for the fused fast paths of hot composites (conv2d, maxPool2d, relu, crossEntropy):
 * a fused op records one node whose vjp runs a fused backward kernel; when the gradient itself
 * must be differentiable (createGraph), the vjp falls back to the composite's own gradient, so
 * higher derivatives stay exact. Not a primitive mechanism: the composites remain the reference.
 */
import { gradients } from '../autograd/grad.js';
import { isGradEnabled } from '../autograd/grad_mode.js';
import { type FusedKernels, isDense, unfilled } from '../backend/native/fused.js';
import type { Tensor } from '../tensor/tensor.js';
import { cast } from './primitive.js';

/** `t` itself when dense (row-major from offset 0 over its whole array), else a dense copy. */
export function dense(t: Tensor): Tensor {
  return isDense(t) ? t : cast(t, t.dtype, true);
}

/**
 * True inside a vjp that runs with grad enabled, i.e. backward with createGraph: the fused
 * backward kernels are not differentiable, so the caller uses `compositeVjp` instead.
 */
export function needsGraph(): boolean {
  return isGradEnabled();
}

/**
 * The vjp of `composite` at `inputs` for cotangent `dy`, built as a graph (createGraph): one
 * gradient per input, null for inputs that do not require grad.
 */
export function compositeVjp(composite: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], dy: Tensor): (Tensor | null)[] {
  const y = composite(...inputs);
  const wanted = inputs.filter((x) => x.requiresGrad);
  if (!y.requiresGrad || wanted.length === 0) return inputs.map(() => null);
  const gs = gradients([y], wanted, { gradOutputs: [dy], createGraph: true, allowUnused: true });
  return inputs.map((x) => (x.requiresGrad ? gs[wanted.indexOf(x)]! : null));
}

/**
 * dy where y > 0 (or NaN), else 0, as a fresh array: the backward of a ReLU fused into the op
 * that made y (y = relu(z) is positive exactly where z is, NaN where z is).
 */
export function reluMasked(f: FusedKernels, y: Tensor, dy: Tensor): Float32Array {
  const dz = unfilled(y.shape, 'float32') as Float32Array;
  f.reluBackward(y.data as Float32Array, dense(dy).data as Float32Array, dz);
  return dz;
}
