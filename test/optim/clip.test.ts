/** clipGradNorm / clipGradValue against PyTorch 1.13's clip_grad_norm_ / clip_grad_value_. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentError, Parameter, clipGradNorm, clipGradValue, tensor, zeros, zerosLike } from '../../src/index.js';
import { loadFamily, fromJson, assertClose } from '../harness/fixtures.js';

interface Spec {
  op: 'clipGradNorm' | 'clipGradValue';
  options: { maxNorm?: number; normType?: number | 'inf'; clipValue?: number };
}

for (const [name, fx] of Object.entries(loadFamily('optim')).filter(([n]) => n.startsWith('clip/'))) {
  test(`${name}: matches PyTorch`, () => {
    const spec = JSON.parse(fx.note!) as Spec;
    const ps = fx.inputs.map((j) => {
      const g = fromJson(j);
      const p = new Parameter(zerosLike(g));
      p.grad = g;
      return p;
    });
    const tol = fx.inputs[0]!.dtype === 'float64' ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 1e-5, atol: 1e-6 };
    if (spec.op === 'clipGradValue') {
      clipGradValue(ps, spec.options.clipValue!);
      ps.forEach((p, i) => assertClose(p.grad!, fx.outputs[i]!, tol, `grad ${i}`));
      return;
    }
    const normType = spec.options.normType === 'inf' ? Infinity : spec.options.normType ?? 2;
    const total = clipGradNorm(ps, spec.options.maxNorm!, normType);
    assertClose(total, fx.outputs[0]!, tol, 'total norm');
    ps.forEach((p, i) => assertClose(p.grad!, fx.outputs[i + 1]!, tol, `grad ${i}`));
  });
}

test('clipGradNorm: writes in place, skips tensors without grad, empty gives 0', () => {
  const a = new Parameter(zeros([2]));
  const b = new Parameter(zeros([2]));
  const g = tensor([6, 8]);
  a.grad = g;
  assert.equal(clipGradNorm([a, b], 5).item(), 10);
  assert.equal(a.grad, g, 'the same gradient tensor, rewritten');
  assertClose(g, tensor([3, 4]), { rtol: 1e-5 });
  assert.equal(b.grad, null);
  assert.equal(clipGradNorm([b], 1).item(), 0);
  assertClose(clipGradNorm(a, 100), tensor(5), { rtol: 1e-6 }, 'a single tensor works too');
});

test('clipGradNorm: non-finite totals scale to NaN, or throw with errorIfNonfinite', () => {
  const a = new Parameter(zeros([2]));
  a.grad = tensor([Infinity, 1]);
  assert.throws(() => clipGradNorm([a], 1, 2, true), (e: unknown) => e instanceof ArgumentError && /^clipGradNorm: the total norm of order 2/.test(e.message));
  assert.deepEqual(a.grad.toFlatArray(), [Infinity, 1], 'untouched after the error');
  assert.equal(clipGradNorm([a], 1).item(), Infinity);
  assert.ok(Number.isNaN(a.grad.toFlatArray()[0]!));
});

test('clipGradNorm: p = 0, 1, -Infinity (as torch 1.13: the 0-norm of the per-tensor norms)', () => {
  const a = new Parameter(zeros([3]));
  a.grad = tensor([0, -3, 4]);
  assert.equal(clipGradNorm([a], 100, 0).item(), 1);
  assert.equal(clipGradNorm([a], 100, 1).item(), 7);
  assert.equal(clipGradNorm([a], 100, -Infinity).item(), 0);
});

test('clip: bad arguments throw ArgumentErrors naming the op', () => {
  const a = new Parameter(zeros([2]));
  a.grad = tensor([1, 1]);
  const bad: [() => unknown, RegExp][] = [
    [() => clipGradNorm([a], NaN), /^clipGradNorm: maxNorm/],
    [() => clipGradNorm([a], 1, -1), /^clipGradNorm: normType/],
    [() => clipGradNorm([1] as unknown as Parameter[], 1), /^clipGradNorm: params/],
    [() => clipGradValue([a], NaN), /^clipGradValue: clipValue/],
    [() => clipGradValue(null as unknown as Parameter[], 1), /^clipGradValue: params/],
  ];
  for (const [fn, re] of bad) assert.throws(fn, (e: unknown) => e instanceof ArgumentError && re.test(e.message), String(re));
});
