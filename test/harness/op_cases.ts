/**
 * One entry per op drives its tests (PyTorch's OpInfo): PyTorch parity on every backend,
 * gradient checks (directional, plus the full Jacobian for tiny inputs) on contiguous and
 * strided inputs, and an elementwise scalar reference when given.
 *
 * @example
 * opCase({
 *   name: 'sigmoid',
 *   fn: (x) => sigmoid(x),
 *   torch: { family: 'elementwise', cases: ['sigmoid/basic', 'sigmoid/edge'] },
 *   grad: () => [[randn([3, 4])], [randn([])]],
 * });
 */
import { test } from 'node:test';
import { type Tensor, getBackend, setBackend, availableBackends, isFloating, mul, sum, noGrad, type BackendName } from '../../src/index.js';
import { assertClose, fixtureCase, fromJson, type Tolerance } from './fixtures.js';
import { checkJacobian, checkVjp, nonContiguous, toF64, type GradCheckOptions } from './gradcheck.js';

export interface OpCase {
  /** The op's name, used in test titles. */
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  /** Recorded PyTorch cases, each evaluated with `fn` (or `torchFn` when the signature differs). */
  torch?: { family: string; cases: readonly string[]; tol?: Tolerance; gradTol?: Tolerance };
  /** Input sets for gradient checks (cast to float64 by the checker); omit for non-differentiable ops. */
  grad?: () => Tensor[][];
  gradOptions?: GradCheckOptions;
  /** Also gradcheck with every input made non-contiguous (default true). */
  strided?: boolean;
}

function withBackend(name: BackendName, fn: () => void): void {
  const before = getBackend().name; // the default (native when it loads) for the tests that follow
  setBackend(name);
  try {
    fn();
  } finally {
    setBackend(before);
  }
}

export function opCase(c: OpCase): void {
  for (const backend of availableBackends()) {
    for (const name of c.torch?.cases ?? []) {
      test(`${c.name}: matches PyTorch '${name}' [${backend}]`, () => {
        withBackend(backend, () => {
          const fx = fixtureCase(c.torch!.family, name);
          const xs = fx.inputs.map((j, i) => {
            const t = fromJson(j);
            return fx.grads?.[i] ? t.requiresGrad_() : t;
          });
          const y = c.fn(...xs);
          assertClose(y, fx.outputs[0]!, c.torch!.tol, `${name} output`);
          if (fx.grads && fx.cotangents?.length && y.requiresGrad) {
            sum(mul(y, fromJson(fx.cotangents[0]!))).backward();
            fx.grads.forEach((g, i) => {
              if (g) assertClose(xs[i]!.grad ?? noGrad(() => mul(xs[i]!, 0)), g, c.torch!.gradTol ?? c.torch!.tol, `${name} grad of input ${i}`);
            });
          }
        });
      });
    }
  }
  if (c.grad) {
    test(`${c.name}: gradient check (float64)`, () => {
      for (const xs of c.grad!()) {
        checkVjp(c.fn, xs, c.gradOptions);
        if (xs.reduce((n, x) => n + (isFloating(x.dtype) ? x.numel : 0), 0) <= 24) checkJacobian(c.fn, xs, c.gradOptions);
        if (c.strided ?? true) checkVjp(c.fn, toF64(xs).map((x) => (x.ndim > 0 ? nonContiguous(x) : x)), c.gradOptions);
      }
    });
  }
}
