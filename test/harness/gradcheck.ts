/**
 * Finite-difference gradient checks in float64. `checkVjp` is JAX's directional test,
 * ⟨c, J·t⟩ ≈ ⟨Jᵀc, t⟩ for random t and c, cheap at any size; `checkJacobian` compares every
 * entry of the Jacobian for tiny inputs.
 */
import assert from 'node:assert/strict';
import { Tensor, Generator, randn, vjp, noGrad, cast, isFloating, add, mul, sub, sum, div, cat, reshape, slice } from '../../src/index.js';

export interface GradCheckOptions {
  eps?: number;
  rtol?: number;
  atol?: number;
  /** Indices of inputs to differentiate (default: every floating input). */
  wrt?: readonly number[];
  seed?: number;
}

type Fn = (...xs: Tensor[]) => Tensor;

/** Float inputs as float64 copies (other dtypes unchanged). */
export function toF64(xs: readonly Tensor[]): Tensor[] {
  return xs.map((x) => (isFloating(x.dtype) ? cast(x, 'float64') : x));
}

function dot(a: Tensor, b: Tensor): number {
  return sum(mul(a, b)).item();
}

function wrtOf(xs: readonly Tensor[], opts: GradCheckOptions): number[] {
  return opts.wrt ? [...opts.wrt] : xs.flatMap((x, i) => (isFloating(x.dtype) ? [i] : []));
}

export function checkVjp(f: Fn, inputs: readonly Tensor[], opts: GradCheckOptions = {}): void {
  const eps = opts.eps ?? 1e-6;
  const xs = toF64(inputs);
  const wrt = wrtOf(xs, opts);
  const gen = new Generator(opts.seed ?? 7);
  const ts = xs.map((x, i) => (wrt.includes(i) ? randn(x.shape, { dtype: 'float64', generator: gen }) : null));
  const shifted = (sign: number): Tensor[] => xs.map((x, i) => (ts[i] ? add(x, mul(ts[i]!, sign * eps)) : x));
  const y = noGrad(() => f(...xs));
  if (!isFloating(y.dtype)) throw new Error('checkVjp: f must return a float tensor');
  const c = randn(y.shape, { dtype: 'float64', generator: gen });
  const jt = noGrad(() => div(sub(f(...shifted(1)), f(...shifted(-1))), 2 * eps));
  const [, gs] = vjp((...a: Tensor[]) => f(...a), xs, c);
  const lhs = dot(c, jt);
  let rhs = 0;
  wrt.forEach((i) => (rhs += dot(gs[i]!, ts[i]!)));
  const rtol = opts.rtol ?? 1e-5;
  const atol = opts.atol ?? 1e-6;
  assert.ok(Math.abs(lhs - rhs) <= atol + rtol * Math.abs(lhs), `directional gradient check failed: finite differences ${lhs}, vjp ${rhs}`);
}

export function checkJacobian(f: Fn, inputs: readonly Tensor[], opts: GradCheckOptions = {}): void {
  const eps = opts.eps ?? 1e-6;
  const xs = toF64(inputs);
  const wrt = wrtOf(xs, opts);
  const y = noGrad(() => f(...xs));
  const m = y.numel;
  for (const i of wrt) {
    const x = xs[i]!;
    const n = x.numel;
    // numerical: column j = (f(x + eps e_j) - f(x - eps e_j)) / 2eps
    const numeric: Float64Array[] = [];
    for (let j = 0; j < n; j++) {
      const e = new Float64Array(n);
      e[j] = eps;
      const et = new Tensor(e, x.shape, 'float64');
      const plus = xs.map((z, k) => (k === i ? add(z, et) : z));
      const minus = xs.map((z, k) => (k === i ? sub(z, et) : z));
      numeric.push(noGrad(() => div(sub(f(...plus), f(...minus)), 2 * eps)).toTypedArray() as Float64Array);
    }
    // analytic: row r = vjp with one-hot cotangent e_r
    for (let r = 0; r < m; r++) {
      const c = new Float64Array(m);
      c[r] = 1;
      const [, gs] = vjp((...a: Tensor[]) => f(...a), xs, new Tensor(c, y.shape, 'float64'));
      const row = gs[i]!.toTypedArray();
      for (let j = 0; j < n; j++) {
        const a = row[j]!;
        const b = numeric[j]![r]!;
        const tol = (opts.atol ?? 1e-6) + (opts.rtol ?? 1e-5) * Math.abs(b);
        assert.ok(Math.abs(a - b) <= tol, `Jacobian of input ${i}: d out[${r}] / d in[${j}] is ${a} by autograd, ${b} by finite differences`);
      }
    }
  }
}

/**
 * The same values as x in a non-contiguous layout (every stride doubled), to check that ops read
 * strided views correctly.
 */
export function nonContiguous(x: Tensor): Tensor {
  const u = reshape(x, [...x.shape, 1]);
  const both = cat([u, u], x.ndim);
  return reshape(slice(both, x.ndim, 0, 1), x.shape);
}
