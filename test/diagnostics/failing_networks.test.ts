/**
 * Networks known to fail in one way each, trained for a few dozen steps with the Diagnostics
 * callback: the right code on the right layer is reported, and healthy networks (a ReLU MLP with
 * He initialisation on moons, a LeNet-ish CNN) report nothing. Every step is sampled (every: 1)
 * and the dead-unit window is small, so the runs stay short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Sequential, Linear, ReLU, Sigmoid, Tanh, Conv2d, MaxPool2d, Flatten, Diagnostics, compile, fit, init, manualSeed, moons, randn, tensor,
  type Module, type Tensor, type Finding, type OptimizerName, type LossName,
} from '../../src/index.js';

const data = moons(256, { seed: 0, noise: 0.2 });

interface Run {
  findings: readonly Finding[];
  codes: string[];
}

async function train(model: Module, opts: { optimizer: OptimizerName; lr: number; loss?: LossName; x?: Tensor; y?: Tensor; epochs?: number }): Promise<Run> {
  compile(model, { optimizer: opts.optimizer, lr: opts.lr, loss: opts.loss ?? 'crossEntropy' });
  const diagnostics = new Diagnostics({ every: 1, window: 128 });
  await fit(model, opts.x ?? data.x, opts.y ?? data.y, { epochs: opts.epochs ?? 1, batchSize: 32, verbose: 0, callbacks: [diagnostics] });
  return { findings: diagnostics.findings, codes: diagnostics.findings.map((f) => f.code) };
}

const heInit = (m: Module): Module => {
  for (const p of m.parameters()) if (p.ndim >= 2) init.kaimingNormal(p, { nonlinearity: 'relu' });
  return m;
};

test('a deep sigmoid MLP: VANISHING_GRADIENT at the first layer', async () => {
  manualSeed(0);
  const layers: Module[] = [new Linear(2, 32), new Sigmoid()];
  for (let i = 0; i < 7; i++) layers.push(new Linear(32, 32), new Sigmoid());
  const r = await train(new Sequential(...layers, new Linear(32, 2)), { optimizer: 'sgd', lr: 0.1 });
  assert.deepEqual(r.codes, ['VANISHING_GRADIENT']);
  const f = r.findings[0]!;
  assert.equal(f.layer, '0');
  assert.equal(f.layerIndex, 0);
  assert.ok(f.values['orders']! >= 3, f.message);
  assert.match(f.message, /^gradient norm falls from .* at layer 16 '16' \(Linear\) to .* at layer 0 '0' \(Linear\), [\d.]+ orders of magnitude — vanishing gradients$/);
});

test('a ReLU layer behind a large negative bias: DEAD_UNITS on that ReLU', async () => {
  manualSeed(0);
  const model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 2));
  init.constant([...model.parameters()][3]!, -10); // the second Linear's bias
  const r = await train(model, { optimizer: 'sgd', lr: 0.05 });
  assert.ok(r.codes.every((c) => c === 'DEAD_UNITS'), r.codes.join());
  const f = r.findings.find((x) => x.layer === '3')!;
  assert.equal(f.values['deadFraction'], 1);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, "layer 3 '3' (ReLU): 100% of units have output 0 for every sample of the last 128 — dead ReLUs");
  // and no gradient reaches the Linear layers before it
  const silent = r.findings.find((x) => x.layer === '0')!;
  assert.match(silent.message, /^layer 0 '0' \(Linear\): its gradient has been exactly 0 for the last \d sampled steps — no gradient reaches it/);
});

test('a huge learning rate on a ReLU classifier: LR_TOO_HIGH first (then what it causes)', async () => {
  manualSeed(0);
  const r = await train(heInit(new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 32), new ReLU(), new Linear(32, 2))), { optimizer: 'sgd', lr: 20 });
  assert.equal(r.codes[0], 'LR_TOO_HIGH');
  assert.equal(r.findings[0]!.severity, 'error');
  assert.ok(r.findings[0]!.values['updateRatio']! >= 1);
  assert.ok(r.codes.every((c) => ['LR_TOO_HIGH', 'EXPLODING_GRADIENT', 'DEAD_UNITS', 'NON_FINITE'].includes(c)), r.codes.join());
});

test('a regression diverging under a too-large learning rate: EXPLODING_GRADIENT, then NON_FINITE', async () => {
  manualSeed(0);
  const x = randn([256, 8]).mul(3);
  const y = x.sum(1, true);
  const r = await train(new Sequential(new Linear(8, 16), new Linear(16, 1)), { optimizer: 'sgd', lr: 0.05, loss: 'mse', x, y });
  assert.ok(r.codes.includes('EXPLODING_GRADIENT'), r.codes.join());
  assert.ok(r.codes.indexOf('EXPLODING_GRADIENT') < r.codes.indexOf('NON_FINITE'), 'explodes before it overflows');
  assert.match(r.findings.find((f) => f.code === 'EXPLODING_GRADIENT')!.message, /exploding gradients$/);
  assert.ok(r.codes.includes('LR_TOO_HIGH'));
});

test('tanh units behind huge weights: SATURATED on the Tanh', async () => {
  manualSeed(0);
  const model = new Sequential(new Linear(2, 32), new Tanh(), new Linear(32, 2));
  init.normal([...model.parameters()][0]!, 0, 30);
  const r = await train(model, { optimizer: 'sgd', lr: 0.01 });
  assert.deepEqual(r.codes, ['SATURATED']);
  assert.equal(r.findings[0]!.layer, '1');
  assert.ok(r.findings[0]!.values['saturatedFraction']! > 0.8);
  assert.match(r.findings[0]!.message, /^layer 1 '1' \(Tanh\): \d+% of outputs are saturated \(\|y\| > 0\.99\)/);
});

test('a NaN in the inputs: one NON_FINITE naming the first layer, nothing else', async () => {
  manualSeed(0);
  const values = data.x.toFlatArray();
  values[70] = NaN; // sample 35: whichever batch shuffling puts it in
  const x = tensor(values).reshape(data.x.shape);
  const r = await train(new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2)), { optimizer: 'sgd', lr: 0.1, x });
  assert.deepEqual(r.codes, ['NON_FINITE']);
  const f = r.findings[0]!;
  assert.equal(f.layer, '0');
  assert.equal(f.message, `layer 0 '0' (Linear) produced NaN/Inf outputs at step ${f.step} (the first watched layer in forward order to do so)`);
});

test('healthy: a ReLU MLP with He initialisation on moons reports nothing', async () => {
  manualSeed(0);
  const r = await train(heInit(new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 16), new ReLU(), new Linear(16, 2))), { optimizer: 'adam', lr: 0.01, epochs: 4 });
  assert.deepEqual(r.codes, []);
});

test('healthy: a LeNet-ish CNN for a few steps reports nothing', async () => {
  manualSeed(0);
  const x = randn([128, 1, 12, 12]);
  const y = tensor(x.sum([1, 2, 3]).toFlatArray().map((v) => (v > 0 ? 1 : 0)), { dtype: 'int32' });
  const model = new Sequential(
    new Conv2d(1, 6, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 8, 3), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(32, 16), new ReLU(), new Linear(16, 2),
  );
  const r = await train(heInit(model), { optimizer: 'adam', lr: 2e-3, x, y, epochs: 2 });
  assert.deepEqual(r.codes, []);
});
