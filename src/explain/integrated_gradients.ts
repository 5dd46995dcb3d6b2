/**
 * Integrated Gradients (Sundararajan et al. 2017): (x − x') ⊙ ∫₀¹ ∇f_c(x' + α(x − x')) dα, the
 * path integral of the gradient from a baseline x' to x, approximated by the trapezoid rule. Its
 * completeness axiom (Σ attributions = f_c(x) − f_c(x')) is checked on every call and reported.
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { type Explainable, type TargetOptions, asFunction, batchedGradients, checkCount, checkInput, inEval, repeatEach, targetsFor } from './common.js';

/** The default relative tolerance of the completeness check: 5%, the paper's rule of thumb. */
export const IG_TOLERANCE = 0.05;

/** Options of `integratedGradients`. */
export interface IntegratedGradientsOptions extends TargetOptions {
  /** The reference input x': a number for every feature, or a tensor broadcastable to x. Default 0. */
  baseline?: number | Tensor;
  /** Trapezoid intervals on the path (default 50: steps + 1 gradient evaluations per sample). */
  steps?: number;
  /** Path points per forward/backward pass (default 64). */
  batchSize?: number;
  /** Relative tolerance of the completeness check (default IG_TOLERANCE = 0.05). */
  tolerance?: number;
}

/** The completeness check: Σ attributions against f_c(x) − f_c(x'), per sample. */
export interface Completeness {
  /** Σ of each sample's attributions. */
  sum: number[];
  /** f_c(x) − f_c(x') per sample. */
  expected: number[];
  /** The largest |sum − expected| / max(|expected|, 1e-6) over the samples. */
  relativeError: number;
  /** The tolerance it is held to. */
  tolerance: number;
  /** relativeError ≤ tolerance. When false, raise `steps`. */
  ok: boolean;
}

/** What `integratedGradients` returns. */
export interface IntegratedGradientsResult {
  /** (N, …), shaped like x. */
  attributions: Tensor;
  /** sum − expected per sample: the integration error. */
  delta: number[];
  completeness: Completeness;
  /** The target explained for each sample. */
  targets: number[];
}

/**
 * Integrated Gradients of the target score, with a completeness check. Cost: steps + 1 forward and
 * backward passes per sample, batched. Exact for a linear model (any number of steps): with a
 * zero baseline the attribution of x_i is w_i·x_i. For ReLU networks the integrand jumps at
 * kinks, so the error falls like 1/steps; `completeness.ok` says whether it is within
 * `tolerance` (default 5% of |f(x) − f(x')|).
 * x: (N, …) -> attributions (N, …).
 * @example
 * const w = tensor([[1, -2, 3]]);
 * const r = integratedGradients((x: Tensor) => x.matmul(w.t()), tensor([[2, 1, 1]]), { steps: 4 });
 * [r.attributions.toArray(), r.completeness.ok] // [[[2, -2, 3]], true]
 */
export function integratedGradients(model: Explainable, x: Tensor, opts: IntegratedGradientsOptions = {}): IntegratedGradientsResult {
  const op = 'integratedGradients';
  checkInput(op, x);
  const steps = checkCount(op, 'steps', opts.steps ?? 50);
  const batchSize = checkCount(op, 'batchSize', opts.batchSize ?? 64);
  const tolerance = opts.tolerance ?? IG_TOLERANCE;
  if (!(tolerance >= 0)) throw new ArgumentError(`${op}: tolerance must be ≥ 0, got ${tolerance}`);
  const n = x.shape[0]!;
  const featureShape = x.shape.slice(1);
  const baseline = baselineFor(op, x, opts.baseline ?? 0);
  const f = asFunction(model);
  return inEval(model, () => {
    const { targets } = targetsFor(op, f, x, opts.target);
    // path points α_k = k/steps, k = 0…steps, for every sample: (N, steps + 1, …)
    const alphas = Float32Array.from({ length: steps + 1 }, (_, k) => k / steps);
    const alpha = new Tensor(alphas, [1, steps + 1, ...featureShape.map(() => 1)], 'float32');
    const diff = x.sub(baseline);
    const path = baseline.unsqueeze(1).add(diff.unsqueeze(1).mul(alpha)).reshape([n * (steps + 1), ...featureShape]);
    const { grads, scores } = batchedGradients(f, path, repeatEach(targets, steps + 1), batchSize);
    // trapezoid weights: 1/steps inside, 1/(2·steps) at both ends
    const w = Float32Array.from({ length: steps + 1 }, (_, k) => (k === 0 || k === steps ? 0.5 : 1) / steps);
    const weights = new Tensor(w, [1, steps + 1, ...featureShape.map(() => 1)], 'float32');
    const avgGrad = grads.reshape([n, steps + 1, ...featureShape]).mul(weights).sum(1);
    const attributions = diff.mul(avgGrad);
    const sum = attributions.reshape([n, -1]).sum(1).toFlatArray();
    // f at α = 1 minus f at α = 0, from the same passes
    const expected = Array.from({ length: n }, (_, i) => scores[i * (steps + 1) + steps]! - scores[i * (steps + 1)]!);
    const delta = sum.map((s, i) => s - expected[i]!);
    const relativeError = Math.max(...delta.map((d, i) => Math.abs(d) / Math.max(Math.abs(expected[i]!), 1e-6)));
    return { attributions, delta, completeness: { sum, expected, relativeError, tolerance, ok: relativeError <= tolerance }, targets };
  });
}

/** The baseline as a tensor of x's shape and dtype. */
function baselineFor(op: string, x: Tensor, b: number | Tensor): Tensor {
  if (typeof b === 'number') return x.mul(0).add(b);
  try {
    return x.mul(0).add(b.detach());
  } catch {
    throw new ShapeError(`${op}: baseline ${fmtShape(b.shape)} does not broadcast to x ${fmtShape(x.shape)}`);
  }
}

/**
 * One line for people: 'completeness: Σ attributions 3.0000 vs f(x) − f(baseline) 3.0000,
 * relative error 0.00% (tolerance 5%): ok'.
 * @example completenessLine({ sum: [1.01], expected: [1], relativeError: 0.01, tolerance: 0.05, ok: true }) // 'completeness: Σ attributions 1.0100 vs f(x) − f(baseline) 1.0000, relative error 1.00% (tolerance 5%): ok'
 */
export function completenessLine(c: Completeness): string {
  const fmt = (v: number[]): string => v.map((s) => s.toFixed(4)).join(', ');
  const verdict = c.ok ? 'ok' : 'NOT within tolerance: use more steps';
  return `completeness: Σ attributions ${fmt(c.sum)} vs f(x) − f(baseline) ${fmt(c.expected)}, relative error ${(100 * c.relativeError).toFixed(2)}% (tolerance ${+(100 * c.tolerance).toFixed(2)}%): ${verdict}`;
}
