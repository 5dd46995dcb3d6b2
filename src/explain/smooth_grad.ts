/**
 * SmoothGrad (Smilkov et al. 2017): the input gradient averaged over noisy copies of the input,
 * which removes much of the high-frequency noise of vanilla saliency. The noise is seeded, so a
 * call is reproducible; the noisy copies of a sample go through the model together, in batches.
 */
import type { Tensor } from '../tensor/tensor.js';
import { Generator } from '../tensor/random.js';
import { randn } from '../tensor/create.js';
import { ArgumentError } from '../errors.js';
import { type Explainable, type TargetOptions, asFunction, batchedGradients, checkCount, checkInput, inEval, repeatEach, targetsFor } from './common.js';

/** Options of `smoothGrad`. */
export interface SmoothGradOptions extends TargetOptions {
  /** Noisy copies per sample (default 25; the paper finds little gain past 50). */
  samples?: number;
  /**
   * The noise's standard deviation as a fraction of each sample's value range, max(x) − min(x)
   * (default 0.15; the paper recommends 0.10–0.20).
   */
  noiseLevel?: number;
  /** Average the squared gradients instead (SmoothGrad-Squared, always ≥ 0). Default false. */
  squared?: boolean;
  /** Seeds the noise (default 0). Ignored when `generator` is given. */
  seed?: number;
  /** A private random stream to draw the noise from. */
  generator?: Generator;
  /** Rows per forward/backward pass (default 64). */
  batchSize?: number;
}

/**
 * (1/n) Σ_k ∂f_c(x + ε_k)/∂x with ε_k ~ N(0, σ²), σ = noiseLevel · (max x − min x) per sample.
 * Cost: `samples` forward and backward passes per input (batched). For a linear model every
 * noisy gradient is the same, so SmoothGrad equals the plain gradient.
 * x: (N, …) -> (N, …).
 * @example
 * const w = tensor([[1, -2, 3]]);
 * smoothGrad((x: Tensor) => x.matmul(w.t()), tensor([[0.5, 1, 2]]), { samples: 4 }).toArray() // [[1, -2, 3]]
 */
export function smoothGrad(model: Explainable, x: Tensor, opts: SmoothGradOptions = {}): Tensor {
  const op = 'smoothGrad';
  checkInput(op, x);
  const samples = checkCount(op, 'samples', opts.samples ?? 25);
  const batchSize = checkCount(op, 'batchSize', opts.batchSize ?? 64);
  const noiseLevel = opts.noiseLevel ?? 0.15;
  if (!(noiseLevel >= 0) || !Number.isFinite(noiseLevel)) throw new ArgumentError(`${op}: noiseLevel must be a finite number ≥ 0, got ${noiseLevel}`);
  const generator = opts.generator ?? new Generator(opts.seed ?? 0);
  const f = asFunction(model);
  const n = x.shape[0]!;
  const featureShape = x.shape.slice(1);
  return inEval(model, () => {
    const { targets } = targetsFor(op, f, x, opts.target);
    // σ per sample: (N, 1, …, 1)
    const flat = x.reshape([n, -1]);
    const range = flat.amax(1).sub(flat.amin(1)).mul(noiseLevel).reshape([n, 1, ...featureShape.map(() => 1)]);
    const noise = randn([n, samples, ...featureShape], { generator, dtype: x.dtype });
    const noisy = x.unsqueeze(1).add(noise.mul(range)).reshape([n * samples, ...featureShape]);
    const { grads } = batchedGradients(f, noisy, repeatEach(targets, samples), batchSize);
    const g = opts.squared ? grads.mul(grads) : grads;
    return g.reshape([n, samples, ...featureShape]).mean(1);
  });
}
