/**
 * Functional autograd: `gradients` (torch.autograd.grad), `vjp`, and JAX-style `grad(f)` and
 * `valueAndGrad(f)`. None of them touch any `.grad` field. Nested use gives higher derivatives.
 */
import { AutogradError, ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { isFloating } from '../tensor/dtype.js';
import { zerosLike } from '../tensor/zeros_like.js';
import { isGradEnabled, enableGrad } from './grad_mode.js';
import { runBackward, seedFor } from './backward.js';

export interface GradientsOptions {
  /** Gradients of the outputs (required for non-scalar outputs). */
  gradOutputs?: readonly Tensor[];
  retainGraph?: boolean;
  /** Build a graph of the gradient computation, so it can be differentiated again. */
  createGraph?: boolean;
  /** Return zeros for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * d(outputs)/d(inputs), like torch.autograd.grad.
 * @example const x = tensor([1, 2], { requiresGrad: true }); gradients([x.mul(x).sum()], [x])[0] // [2, 4]
 */
export function gradients(outputs: readonly Tensor[], inputs: readonly Tensor[], opts: GradientsOptions = {}): Tensor[] {
  // with allowUnused, an output that does not depend on anything differentiable contributes 0
  const live = outputs.flatMap((o, i) => (o.requiresGrad || !opts.allowUnused ? [{ o, i }] : []));
  const seeds = live.map(({ o, i }) => seedFor('gradients', o, opts.gradOutputs?.[i]));
  const res = live.length > 0 ? runBackward(live.map(({ o }) => o), seeds, { ...opts, inputs }) : inputs.map(() => undefined);
  return res.map((g, i) => {
    if (g) return g;
    if (!opts.allowUnused) {
      throw new AutogradError(`gradients: input ${i} was not used to compute the outputs (or does not require grad); pass allowUnused: true for zeros`);
    }
    return zerosLike(inputs[i]!);
  });
}

/** Prepares an argument to differentiate: keeps an outer graph alive if there is one. */
function track(x: Tensor): { t: Tensor; nested: boolean } {
  if (!isFloating(x.dtype)) return { t: x, nested: false };
  const nested = x.requiresGrad && isGradEnabled();
  return { t: nested ? x : x.detach().requiresGrad_(), nested };
}

/**
 * Value and gradient of a scalar function with respect to argument `argnum` (default 0).
 * @example const [v, g] = valueAndGrad((x: Tensor) => x.mul(x).sum())(tensor([3])) // 9, [6]
 */
export function valueAndGrad<A extends Tensor[]>(f: (...args: A) => Tensor, argnum = 0): (...args: A) => [Tensor, Tensor] {
  return (...args: A) => {
    const target = args[argnum];
    if (!target) throw new ArgumentError(`valueAndGrad: argnum ${argnum} but only ${args.length} arguments`);
    const { t, nested } = track(target);
    const call = [...args] as A;
    call[argnum] = t;
    const y = enableGrad(() => f(...call));
    if (y.numel !== 1) throw new AutogradError(`grad: f must return a one-element tensor, got shape [${y.shape.join(',')}]`);
    const [g] = gradients([y], [t], { createGraph: nested, allowUnused: true });
    return [nested ? y : y.detach(), g!];
  };
}

/**
 * The gradient function of a scalar function (JAX's grad). Compose for higher derivatives:
 * `grad(grad(f))`.
 * @example grad((x: Tensor) => x.pow(3).sum())(tensor([2])).toArray() // [12]
 */
export function grad<A extends Tensor[]>(f: (...args: A) => Tensor, argnum = 0): (...args: A) => Tensor {
  const vg = valueAndGrad(f, argnum);
  return (...args: A) => vg(...args)[1];
}

/**
 * Vector-Jacobian product: returns f(xs) and cᵀ·J for each input, with cotangent `c`.
 */
export function vjp(f: (...xs: Tensor[]) => Tensor, xs: readonly Tensor[], c: Tensor): [Tensor, Tensor[]] {
  const tracked = xs.map((x) => track(x));
  const nested = tracked.some((t) => t.nested);
  const y = enableGrad(() => f(...tracked.map((t) => t.t)));
  const gs = gradients([y], tracked.map((t) => t.t), { gradOutputs: [c], createGraph: nested, allowUnused: true });
  return [y, gs];
}
