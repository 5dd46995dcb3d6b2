/**
 * batchNorm: normalises each channel (dim 1) by its statistics over the batch and spatial dims,
 * PyTorch's F.batch_norm. In training it uses the batch's mean and biased variance and, when
 * running buffers are given, updates them in place (the variance with Bessel's correction);
 * otherwise it uses the running statistics. Composed from mean, variance and rsqrt.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { add, mul, reshape, sub } from '../../ops/primitives/index.js';
import { mean, rsqrt, variance } from '../../ops/composite/index.js';
import { assign_ } from '../parameter.js';

export interface BatchNormOptions {
  /** Per-channel scale γ, (C). */
  weight?: Tensor | null;
  /** Per-channel shift β, (C). */
  bias?: Tensor | null;
  /** Use batch statistics (and update the running ones); default false, as in F.batch_norm. */
  training?: boolean;
  /** Weight of the new batch in the running average: running = (1 − m)·running + m·batch. Default 0.1. */
  momentum?: number;
  eps?: number;
}

/** γ·(x − μ)/√(σ² + ε) + β with per-channel vectors broadcast over (N, C, *). */
export function affine(x: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, shape: readonly number[]): Tensor {
  const scaled = weight ? mul(x, reshape(weight, shape)) : x;
  return bias ? add(scaled, reshape(bias, shape)) : scaled;
}

/**
 * x: (N, C, *), runningMean/runningVar: (C) or null -> same shape as x.
 * @example functional.batchNorm(tensor([[1], [3]]), null, null, { training: true }).toArray() // [[-0.99999], [0.99999]]
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, opts: BatchNormOptions = {}): Tensor {
  const eps = opts.eps ?? 1e-5;
  const momentum = opts.momentum ?? 0.1;
  if (x.ndim < 2) throw new ShapeError(`batchNorm: expected input [N, C, *], got ${fmtShape(x.shape)}`);
  const C = x.shape[1]!;
  for (const [name, t] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', opts.weight], ['bias', opts.bias]] as const) {
    if (t && (t.ndim !== 1 || t.shape[0] !== C)) throw new ShapeError(`batchNorm: ${name} must be [${C}] for input ${fmtShape(x.shape)}, got ${fmtShape(t.shape)}`);
  }
  const shape = x.shape.map((s, i) => (i === 1 ? s : 1));
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  if (!opts.training) {
    if (!runningMean || !runningVar) throw new ArgumentError('batchNorm: running statistics are needed outside training');
    const y = mul(sub(x, reshape(runningMean, shape)), rsqrt(add(reshape(runningVar, shape), eps)));
    return affine(y, opts.weight, opts.bias, shape);
  }
  const n = x.numel / C;
  if (n <= 1) throw new ArgumentError(`batchNorm: expected more than 1 value per channel when training, got input ${fmtShape(x.shape)}`);
  const mu = mean(x, dims, true);
  const sigma2 = variance(x, dims, false, true);
  noGrad(() => {
    if (runningMean) assign_(runningMean, add(mul(runningMean, 1 - momentum), mul(reshape(mu, [C]), momentum)));
    // NOTE: the running variance is unbiased (n / (n − 1)) while normalisation uses the biased one, as in PyTorch
    if (runningVar) assign_(runningVar, add(mul(runningVar, 1 - momentum), mul(reshape(sigma2, [C]), (momentum * n) / (n - 1))));
  });
  return affine(mul(sub(x, mu), rsqrt(add(sigma2, eps))), opts.weight, opts.bias, shape);
}
