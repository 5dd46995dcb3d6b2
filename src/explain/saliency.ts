/**
 * Vanilla gradient saliency (Simonyan et al. 2013) and gradient × input (Shrikumar et al. 2016):
 * one forward and one backward pass per batch. The simplest attributions, and the noisiest.
 */
import type { Tensor } from '../tensor/tensor.js';
import { type Explainable, type TargetOptions, asFunction, batchedGradients, checkCount, checkInput, inEval, targetsFor } from './common.js';

/** Options of `saliency` and `gradientXInput`. */
export interface SaliencyOptions extends TargetOptions {
  /** Rows per forward/backward pass (default 64). */
  batchSize?: number;
}

function inputGradient(op: string, model: Explainable, x: Tensor, opts: SaliencyOptions): Tensor {
  checkInput(op, x);
  const batchSize = checkCount(op, 'batchSize', opts.batchSize ?? 64);
  const f = asFunction(model);
  return inEval(model, () => {
    const { targets } = targetsFor(op, f, x, opts.target);
    return batchedGradients(f, x, targets, batchSize).grads;
  });
}

/**
 * The gradient of the target score with respect to the input, ∂f_c(x)/∂x: how much each input
 * feature would move the score if nudged. Signed; take `.abs()` (and, for images, the max over
 * channels) for the classic saliency map. The model runs in eval mode; its mode is restored after.
 * x: (N, …) -> (N, …), the same shape.
 * @example
 * const w = tensor([[1, -2, 3]]);
 * saliency((x: Tensor) => x.matmul(w.t()), tensor([[5, 5, 5]])).toArray() // [[1, -2, 3]]
 */
export function saliency(model: Explainable, x: Tensor, opts: SaliencyOptions = {}): Tensor {
  return inputGradient('saliency', model, x, opts);
}

/**
 * Gradient × input, x ⊙ ∂f_c(x)/∂x: the first-order Taylor contribution of each feature, relative to
 * an all-zero input. Exact for a linear model without bias (f(x) = Σ w_i x_i); for a deep ReLU
 * network without biases it equals Integrated Gradients from a zero baseline.
 * x: (N, …) -> (N, …).
 * @example
 * const w = tensor([[1, -2, 3]]);
 * gradientXInput((x: Tensor) => x.matmul(w.t()), tensor([[2, 1, 0]])).toArray() // [[2, -2, 0]]
 */
export function gradientXInput(model: Explainable, x: Tensor, opts: SaliencyOptions = {}): Tensor {
  return inputGradient('gradientXInput', model, x, opts).mul(x);
}
