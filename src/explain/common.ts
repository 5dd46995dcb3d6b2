/**
 * What every attribution method shares: the model as a function (a Module or a plain function),
 * eval mode for the duration, the class score being explained (one target per sample, default the
 * argmax of the output), and the batched input gradient of that score. Not a method itself.
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { Module } from '../nn/module.js';
import { enableGrad, noGrad } from '../autograd/grad_mode.js';
import { gradients } from '../autograd/grad.js';
import { cat } from '../ops/primitives/cat.js';
import { inMode } from '../train/steps.js';

/** What can be explained: a Module (run through `call`, in eval mode) or any differentiable function. */
export type Explainable = Module | ((x: Tensor) => Tensor);

/** Options every attribution method takes. */
export interface TargetOptions {
  /**
   * The output index explained: one class for every sample, or one per sample. Default: the
   * argmax of the model's output for each sample (index 0 for a one-output model).
   */
  target?: number | readonly number[];
}

/** The model as a function of its input. */
export function asFunction(model: Explainable): (x: Tensor) => Tensor {
  return model instanceof Module ? (x) => model.call(x) : model;
}

/** Runs `fn` with `model` in eval mode (dropout off, batch-norm running statistics), then restores each module's mode. */
export function inEval<T>(model: Explainable, fn: () => T): T {
  return model instanceof Module ? inMode(model, false, fn) : fn();
}

/** The output as (N, K): one row of scores per sample. */
export function scoreRows(op: string, y: Tensor, n: number): Tensor {
  if (y.ndim === 0 || y.shape[0] !== n) throw new ShapeError(`${op}: the model's output ${fmtShape(y.shape)} does not have the input's batch size ${n} first`);
  return y.reshape([n, y.numel / n]);
}

/** One target index per sample: the given ones (checked) or the argmax of each row of `rows` (N, K). */
export function resolveTargets(op: string, rows: Tensor, target: number | readonly number[] | undefined): number[] {
  const [n, k] = rows.shape as [number, number];
  if (target === undefined) {
    const v = rows.toTypedArray();
    return Array.from({ length: n }, (_, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (v[i * k + j]! > v[i * k + best]!) best = j;
      return best;
    });
  }
  const ts = typeof target === 'number' ? new Array<number>(n).fill(target) : [...target];
  if (ts.length !== n) throw new ArgumentError(`${op}: ${ts.length} targets for ${n} samples`);
  for (const t of ts) {
    if (!Number.isInteger(t) || t < 0 || t >= k) throw new ArgumentError(`${op}: target ${t} is out of range for ${k} outputs`);
  }
  return ts;
}

/** The scores (N) of each sample's target output: a one-hot mask times the rows (N, K), so it is differentiable. */
export function pickTargets(rows: Tensor, targets: readonly number[]): Tensor {
  const [n, k] = rows.shape as [number, number];
  const mask = new Float32Array(n * k);
  targets.forEach((t, i) => (mask[i * k + t] = 1));
  return rows.mul(new Tensor(mask, [n, k], 'float32')).sum(1);
}

/** Targets for `x`: the given ones, or the argmax of the model's output at x (one forward, no graph). */
export function targetsFor(op: string, f: (x: Tensor) => Tensor, x: Tensor, target: number | readonly number[] | undefined): { targets: number[]; scores: number[] } {
  const n = x.shape[0]!;
  const rows = noGrad(() => scoreRows(op, f(x), n));
  const targets = resolveTargets(op, rows, target);
  return { targets, scores: pickTargets(rows, targets).toFlatArray() };
}

/** Checks that x is a floating batch (N, …). */
export function checkInput(op: string, x: Tensor): void {
  if (x.ndim < 1 || x.shape[0] === 0) throw new ShapeError(`${op}: x must be a non-empty batch (N, …), got ${fmtShape(x.shape)}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new ArgumentError(`${op}: x must be float32 or float64, got ${x.dtype}`);
}

/**
 * Gradients of each row's target score with respect to that row of `xs` (M, …), computed in
 * chunks of `batchSize` rows (one forward and one backward per chunk). Rows are independent in
 * eval mode, so the gradient of the summed scores is each row's own gradient.
 * Returns the gradients (M, …) and the scores (M).
 */
export function batchedGradients(f: (x: Tensor) => Tensor, xs: Tensor, targets: readonly number[], batchSize: number): { grads: Tensor; scores: number[] } {
  const m = xs.shape[0]!;
  const grads: Tensor[] = [];
  const scores: number[] = [];
  for (let s = 0; s < m; s += batchSize) {
    const len = Math.min(batchSize, m - s);
    const xi = xs.narrow(0, s, len).detach().requiresGrad_();
    const picked = enableGrad(() => pickTargets(scoreRows('explain', f(xi), len), targets.slice(s, s + len)));
    const [g] = gradients([picked.sum()], [xi], { allowUnused: true });
    grads.push(g!.detach());
    scores.push(...picked.toFlatArray());
  }
  return { grads: grads.length === 1 ? grads[0]! : cat(grads, 0), scores };
}

/** `targets` with each entry repeated `times` times in a row: [a, b] x2 -> [a, a, b, b]. */
export function repeatEach(targets: readonly number[], times: number): number[] {
  return targets.flatMap((t) => new Array<number>(times).fill(t));
}

/** Checks an integer option ≥ min. */
export function checkCount(op: string, name: string, v: number, min = 1): number {
  if (!Number.isInteger(v) || v < min) throw new ArgumentError(`${op}: ${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}
