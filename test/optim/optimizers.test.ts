/**
 * Optimizer parity with PyTorch 1.13: every 'optimizer/*' fixture (tools/fixtures/cases/optim.py)
 * replayed with the fused loop and with the tensor-op reference, and the two paths compared
 * bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFamily, fromJson, assertClose } from '../harness/fixtures.js';
import { makeOptimizer, paramsOf, trajectory, type OptimizerSpec } from './helpers.js';

const cases = Object.entries(loadFamily('optim')).filter(([name]) => name.startsWith('optimizer/'));

test('every optimizer has PyTorch fixtures', () => {
  const names = new Set(cases.map(([, c]) => (JSON.parse(c.note!) as OptimizerSpec).optimizer));
  assert.deepEqual([...names].sort(), ['Adagrad', 'Adam', 'AdamW', 'Adamax', 'NAdam', 'RMSprop', 'SGD']);
});

for (const [name, fx] of cases) {
  const spec = JSON.parse(fx.note!) as OptimizerSpec;
  const isF64 = fx.inputs[0]!.dtype === 'float64';
  const tol = isF64 ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 1e-5, atol: 1e-6 };
  const run = (fused: boolean) => {
    const { ws, cs } = paramsOf(fx.inputs.map(fromJson));
    return trajectory(makeOptimizer(spec, ws, { fused }), ws, cs, spec.steps);
  };

  for (const fused of [true, false]) {
    test(`${name}: matches PyTorch [${fused ? 'fused' : 'reference'}]`, () => {
      run(fused).forEach((t, i) => assertClose(t, fx.outputs[i]!, tol, `${name} param ${i}`));
    });
  }

  test(`${name}: fused loop equals the tensor-op reference exactly`, () => {
    const [a, b] = [run(true), run(false)];
    a.forEach((t, i) => assert.deepEqual(t.toTypedArray(), b[i]!.toTypedArray(), `param ${i}`));
  });
}
