/**
 * Gradient clipping, PyTorch 1.13's torch.nn.utils.clip_grad_norm_ / clip_grad_value_: both
 * rewrite `.grad` of the given tensors in place, between backward and the optimizer step.
 * Tensors without a gradient are skipped.
 */
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { scalar } from '../ops/primitive.js';
import { mul } from '../ops/primitives/index.js';
import { clamp } from '../ops/composite/elementwise/clamp.js';
import { assign_ } from '../nn/parameter.js';

/** The tensors that have a gradient. */
function withGrads(op: string, params: Iterable<Tensor> | Tensor): (Tensor & { grad: Tensor })[] {
  const list = params instanceof Tensor ? [params] : params !== null && typeof params === 'object' && Symbol.iterator in params ? [...params] : null;
  if (list === null || !list.every((p) => p instanceof Tensor)) throw new ArgumentError(`${op}: params must be a Tensor or an iterable of Tensors`);
  return list.filter((p): p is Tensor & { grad: Tensor } => p.grad !== null);
}

/** Writes the new gradient into the old one's storage (PyTorch's in-place update) when it can. */
function setGrad(p: Tensor & { grad: Tensor }, g: Tensor): void {
  if (p.grad.isContiguous()) assign_(p.grad, g);
  else p.grad = g;
}

/** The p-norm of the values (p = ∞: max |x|, −∞: min |x|, 0: count of non-zeros), in float64. */
function pNorm(xs: ArrayLike<number>, p: number): number {
  if (p === Infinity || p === -Infinity) {
    let m = p === Infinity ? 0 : Infinity;
    for (let i = 0; i < xs.length; i++) {
      const a = Math.abs(xs[i]!);
      if (Number.isNaN(a)) return NaN;
      m = p === Infinity ? Math.max(m, a) : Math.min(m, a);
    }
    return xs.length === 0 ? 0 : m;
  }
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += p === 0 ? Number(xs[i] !== 0) : p === 1 ? Math.abs(xs[i]!) : p === 2 ? xs[i]! * xs[i]! : Math.abs(xs[i]!) ** p;
  return p === 0 || p === 1 ? s : p === 2 ? Math.sqrt(s) : s ** (1 / p);
}

/**
 * Scales all gradients together so their joint p-norm (as if concatenated into one vector) is
 * at most maxNorm: g ← g·min(1, maxNorm/(total + 1e-6)). Returns the total norm before
 * clipping, a 0-d tensor of the gradients' dtype.
 * @param errorIfNonfinite throw instead of scaling by a NaN/±Infinity norm
 * @example
 * const w = new Parameter(zeros([2]));
 * w.grad = tensor([3, 4]);
 * const total = clipGradNorm([w], 1);
 * [total.item(), ...w.grad.toFlatArray()] // [5, 0.6, 0.8]
 */
export function clipGradNorm(params: Iterable<Tensor> | Tensor, maxNorm: number, normType = 2, errorIfNonfinite = false): Tensor {
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new ArgumentError(`clipGradNorm: maxNorm must be a number, got ${String(maxNorm)}`);
  if (typeof normType !== 'number' || Number.isNaN(normType) || (normType < 0 && normType !== -Infinity)) {
    throw new ArgumentError(`clipGradNorm: normType must be a number >= 0 or ±Infinity, got ${String(normType)}`);
  }
  const ps = withGrads('clipGradNorm', params);
  const grads = ps.map((p) => p.grad);
  if (grads.length === 0) return scalar(0, 'float32');
  const dtype = grads[0]!.dtype;
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  // NOTE: like PyTorch, each gradient's norm is rounded to the dtype before the norm of norms
  const norms = grads.map((g) => round(pNorm(g.toTypedArray(), normType)));
  const total = round(normType === Infinity ? Math.max(...norms) : pNorm(norms, normType));
  if (errorIfNonfinite && !Number.isFinite(total)) {
    throw new ArgumentError(`clipGradNorm: the total norm of order ${normType} of the gradients is non-finite, so it cannot be clipped; pass errorIfNonfinite = false to scale by it anyway`);
  }
  const coef = Math.min(round(round(maxNorm) / round(total + round(1e-6))), 1);
  noGrad(() => {
    for (const p of ps) setGrad(p, mul(p.grad, coef));
  });
  return scalar(total, dtype);
}

/**
 * Clamps every gradient element to [−clipValue, clipValue].
 * @example
 * const w = new Parameter(zeros([3]));
 * w.grad = tensor([-2, 0.5, 3]);
 * clipGradValue([w], 1);
 * w.grad.toArray() // [-1, 0.5, 1]
 */
export function clipGradValue(params: Iterable<Tensor> | Tensor, clipValue: number): void {
  if (typeof clipValue !== 'number' || Number.isNaN(clipValue)) throw new ArgumentError(`clipGradValue: clipValue must be a number, got ${String(clipValue)}`);
  noGrad(() => {
    for (const p of withGrads('clipGradValue', params)) setGrad(p, clamp(p.grad, -clipValue, clipValue));
  });
}
