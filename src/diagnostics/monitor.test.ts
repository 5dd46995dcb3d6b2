/**
 * DiagnosticsMonitor and the Diagnostics callback: which layers are watched, what a sampled step
 * records (checked against independent computations), that watching changes nothing in training,
 * and that a resumed fit keeps the record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Sequential, Linear, ReLU, Tanh, Softplus, Flatten, Dropout, SGD, ModelCheckpoint, Module, compile, fit, manualSeed, moons, randn, mseLoss,
  type Tensor,
} from '../index.js';
import { DiagnosticsMonitor } from './monitor.js';
import { Diagnostics } from './callback.js';

function net(): Sequential {
  manualSeed(1);
  return new Sequential(new Flatten(), new Linear(4, 6), new ReLU(), new Dropout(0), new Linear(6, 3), new Tanh(), new Softplus());
}

/** One SGD step on (x, y) with `mon` around it (when given); returns the loss tensor. */
function step(model: Module, opt: SGD, x: Tensor, y: Tensor, mon?: DiagnosticsMonitor, at?: number): Tensor {
  mon?.beginStep(at);
  opt.zeroGrad();
  const loss = mseLoss(model.call(x), y);
  loss.backward();
  opt.step();
  mon?.endStep(loss);
  return loss;
}

test('watches modules with parameters and activation modules, indexed as in namedModules()', () => {
  const mon = new DiagnosticsMonitor(net());
  assert.deepEqual(mon.layers.map((l) => [l.index, l.name, l.type, l.activation, l.hasParameters]), [
    [1, '1', 'Linear', 'other', true],
    [2, '2', 'ReLU', 'relu', false],
    [4, '4', 'Linear', 'other', true],
    [5, '5', 'Tanh', 'tanh', false],
    [6, '6', 'Softplus', 'other', false],
  ]);
  const shared = new Linear(2, 2);
  assert.equal(new DiagnosticsMonitor(new Sequential(shared, new ReLU(), shared)).layers.length, 2, 'a shared module is watched once');
  assert.throws(() => new DiagnosticsMonitor(net(), { every: 0 }), /every must be a positive integer/);
});

test('a sampled step records the loss, activation stats, gradient and weight norms and the update ratio', () => {
  const model = net();
  const opt = new SGD(model.parameters(), { lr: 0.1 });
  const mon = new DiagnosticsMonitor(model, { every: 3, window: 8 });
  const x = randn([8, 2, 2]);
  const y = randn([8, 3]);
  const before = [...model.parameters()].map((p) => p.toFlatArray());
  const losses = [0, 1, 2, 3, 4].map(() => step(model, opt, x, y, mon).item());
  const r = mon.report();
  assert.deepEqual(r.steps.map((s) => s.step), [0, 3], 'every 3rd step, counted from 0');
  assert.equal(r.steps[1]!.loss, losses[3]);

  // step 0 against independent numbers: grads are still on the params until the next zeroGrad
  const model0 = net();
  const opt0 = new SGD(model0.parameters(), { lr: 0.1 });
  step(model0, opt0, x, y);
  const [w1, b1] = [...model0.parameters()];
  const norm = (xs: number[]): number => Math.sqrt(xs.reduce((s, v) => s + v * v, 0));
  const l1 = r.steps[0]!.layers[0]!;
  assert.ok(Math.abs(l1.gradNorm! - norm([...w1!.grad!.toFlatArray(), ...b1!.grad!.toFlatArray()])) < 1e-6);
  assert.ok(Math.abs(l1.weightNorm! - norm([...w1!.toFlatArray(), ...b1!.toFlatArray()])) < 1e-6);
  const delta = norm([...w1!.toFlatArray(), ...b1!.toFlatArray()].map((v, i) => v - [...before[0]!, ...before[1]!][i]!));
  assert.ok(Math.abs(l1.updateRatio! - delta / norm([...before[0]!, ...before[1]!])) < 1e-6);
  assert.equal(l1.deadFraction, null);
  const relu = r.steps[0]!.layers[1]!;
  assert.equal(relu.gradNorm, null);
  assert.ok(relu.deadFraction !== null && relu.deadFraction >= 0 && relu.deadFraction <= 1);
  assert.ok(relu.actMean! >= 0 && relu.actStd! >= 0);
  assert.ok(r.steps[0]!.layers[3]!.saturatedFraction !== null, 'tanh saturation');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'the report is plain JSON');
});

test('watching changes nothing: same losses and weights, outputs keep their graph', () => {
  const run = (watch: boolean): number[] => {
    const model = net();
    const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const mon = watch ? new DiagnosticsMonitor(model, { every: 1 }) : undefined;
    manualSeed(5);
    const x = randn([16, 4]);
    const y = randn([16, 3]);
    const out = [0, 1, 2, 3].map(() => step(model, opt, x, y, mon).item());
    return [...out, ...[...model.parameters()].flatMap((p) => p.toFlatArray())];
  };
  assert.deepEqual(run(true), run(false));
});

test('forward passes outside a step, and after detach, are not recorded', () => {
  const model = net();
  const opt = new SGD(model.parameters(), { lr: 0.1 });
  const mon = new DiagnosticsMonitor(model, { every: 1 });
  const x = randn([4, 4]);
  const y = randn([4, 3]);
  model.call(x); // e.g. validation between steps
  mon.beginStep();
  mon.detach();
  step(model, opt, x, y);
  assert.throws(() => mon.endStep(), /endStep: called without beginStep/);
  assert.equal(mon.report().steps.length, 0);
  const again = new DiagnosticsMonitor(model, { every: 1 });
  step(model, opt, x, y, again);
  again.detach();
  step(model, opt, x, y, again, 1);
  const [first, second] = again.report().steps;
  assert.ok(first!.layers[1]!.actMean !== null);
  assert.equal(second!.layers[1]!.actMean, null, 'detached: no forward hooks');
});

test('off sampled steps the hooks are passive, so layer fusion stays on; on them they observe', () => {
  const model = net();
  const mon = new DiagnosticsMonitor(model, { every: 2 });
  const [linear, relu] = [model.at(1), model.at(2)];
  const observed = (): boolean[] => [linear.isObserved, relu.isObserved];
  assert.deepEqual(observed(), [false, false], 'between steps (validation, predict)');
  mon.beginStep(0);
  assert.deepEqual(observed(), [true, true], 'a sampled step reads activations: no fusion');
  mon.endStep(0);
  mon.beginStep(1);
  assert.deepEqual(observed(), [false, false], 'an unsampled step: the hooks ignore it');
  mon.endStep(0);
  mon.detach();
});

test('NaN loss on an unsampled step is still reported, once, with onFinding', () => {
  const model = net();
  const opt = new SGD(model.parameters(), { lr: 0.1 });
  const seen: string[] = [];
  const mon = new DiagnosticsMonitor(model, { every: 100, onFinding: (f) => seen.push(`${f.code}@${f.step}`) });
  const x = randn([4, 4]);
  step(model, opt, x, randn([4, 3]), mon);
  const bad = randn([4, 3]).mul(NaN);
  for (let i = 0; i < 3; i++) step(model, opt, x, bad, mon);
  assert.deepEqual(seen, ['NON_FINITE@1']);
  assert.equal(mon.findings[0]!.severity, 'error');
  assert.equal(mon.report().steps.length, 2, 'step 0 and the first NaN step only');
});

test('Diagnostics in fit: global step numbers, batch losses, state kept across a resume', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-diag-'));
  try {
    const data = moons(64, { seed: 2 });
    const build = (): Module => {
      manualSeed(3);
      return compile(new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2)), { optimizer: 'adam', lr: 0.01, loss: 'crossEntropy' });
    };
    const straight = new Diagnostics({ every: 2 });
    await fit(build(), data.x, data.y, { epochs: 4, batchSize: 16, verbose: 0, callbacks: [straight] });
    const rs = straight.report();
    assert.deepEqual(rs.steps.map((s) => [s.step, s.epoch]), [[0, 0], [2, 0], [4, 1], [6, 1], [8, 2], [10, 2], [12, 3], [14, 3]]);
    assert.ok(rs.steps.every((s) => s.loss !== null && s.loss > 0 && s.loss < 2));
    assert.equal(rs.layers.length, 3);

    const first = new Diagnostics({ every: 2 });
    await fit(build(), data.x, data.y, { epochs: 2, batchSize: 16, verbose: 0, callbacks: [first, new ModelCheckpoint(join(dir, 'c.safetensors'))] });
    const resumed = new Diagnostics({ every: 2 });
    await fit(build(), data.x, data.y, { epochs: 4, batchSize: 16, verbose: 0, resumeFrom: join(dir, 'c.safetensors'), callbacks: [resumed, new ModelCheckpoint(join(dir, 'd.safetensors'))] });
    const rr = resumed.report();
    assert.deepEqual(rr.steps.map((s) => s.step), rs.steps.map((s) => s.step));
    for (let i = 0; i < rs.steps.length; i++) {
      assert.ok(Math.abs(rr.steps[i]!.loss! - rs.steps[i]!.loss!) < 1e-9, `loss at record ${i}`);
      assert.deepEqual(rr.steps[i]!.layers.map((l) => l.gradNorm), rs.steps[i]!.layers.map((l) => l.gradNorm));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
