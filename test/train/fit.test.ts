/**
 * fit/evaluate/predict/trainOnBatch/testOnBatch on small models: a moons classifier learns in a
 * few epochs, History holds what was logged, validation (split or data) matches evaluate, every
 * data form trains, names map to the right objects, and bad arguments name the method.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Sequential, Linear, ReLU, Dropout, Module, SGD, TensorDataset, DataLoader, moons, manualSeed, tensor, zeros, ones,
  ArgumentError, ShapeError, CrossEntropyLoss, Metric, Tensor, History, fit, compile, type Batch,
} from '../../src/index.js';

const data = moons(160, { seed: 1, noise: 0.1 });

function classifier(seed = 0, p = 0): Sequential {
  manualSeed(seed);
  return new Sequential(new Linear(2, 16), new ReLU(), new Dropout(p), new Linear(16, 2));
}

test('a moons classifier learns in a few epochs: loss falls, accuracy rises; History records it', async () => {
  const model = classifier().compile({ optimizer: 'adam', lr: 0.05, loss: 'crossEntropy', metrics: ['accuracy'] });
  const history = await model.fit(data.x, data.y, { epochs: 6, batchSize: 32, verbose: 0, seed: 3 });
  assert.ok(history instanceof History);
  assert.deepEqual(history.epoch, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(Object.keys(history.history), ['loss', 'accuracy']);
  const { loss, accuracy } = history.history as { loss: number[]; accuracy: number[] };
  assert.equal(loss.length, 6);
  assert.ok(loss.at(-1)! < loss[0]! * 0.7, `loss ${loss}`);
  assert.ok(accuracy.at(-1)! > accuracy[0]! && accuracy.at(-1)! > 0.85, `accuracy ${accuracy}`);
  assert.deepEqual(history.params, { epochs: 6, steps: 5, samples: 160, batchSize: 32, verbose: 0 });
  assert.equal(model.training, true, 'fit leaves the model in training mode');
});

test('validationSplit holds out the last samples; val logs equal evaluate on them', async () => {
  const model = classifier().compile({ optimizer: 'sgd', lr: 0.1, loss: 'crossEntropy', metrics: ['accuracy'] });
  const h = await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, validationSplit: 0.25, verbose: 0 });
  assert.deepEqual(Object.keys(h.history), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  assert.equal(h.params!.samples, 120);
  const xv = data.x.narrow(0, 120, 40);
  const yv = data.y.narrow(0, 120, 40);
  const logs = model.evaluate(xv, yv, { batchSize: 7 });
  assert.ok(Math.abs(logs.loss! - h.history.val_loss![1]!) < 1e-6);
  assert.equal(logs.accuracy, h.history.val_accuracy![1]);
  // the same split given as validationData trains identically
  const again = classifier().compile({ optimizer: 'sgd', lr: 0.1, loss: 'crossEntropy', metrics: ['accuracy'] });
  const h2 = await again.fit(data.x.narrow(0, 0, 120), data.y.narrow(0, 0, 120), { epochs: 2, batchSize: 16, validationData: [xv, yv], verbose: 0 });
  assert.deepEqual(h2.history, h.history);
});

test('datasets, DataLoaders, arrays and async iterables of batches all train', async () => {
  const ds = new TensorDataset(data.x, data.y);
  const batches: Batch[] = [...new DataLoader(ds, { batchSize: 40 })];
  async function* stream(): AsyncGenerator<Batch> {
    for (const b of batches) yield b;
  }
  const sources = [ds, new DataLoader(ds, { batchSize: 40, shuffle: true, seed: 1 }), batches, { [Symbol.asyncIterator]: stream }];
  for (const source of sources) {
    const model = classifier().compile({ optimizer: 'adam', lr: 0.05, loss: 'crossEntropy' });
    const h = await model.fit(source, { epochs: 3, batchSize: 40, verbose: 0 });
    assert.ok(h.history.loss![2]! < h.history.loss![0]!, `${source.constructor.name}: ${h.history.loss}`);
  }
  const model = classifier().compile({ optimizer: 'adam', loss: 'crossEntropy', metrics: ['accuracy'] });
  assert.deepEqual(Object.keys(model.evaluate(ds)), ['loss', 'accuracy']);
  assert.throws(() => model.evaluate({ [Symbol.asyncIterator]: stream }), /evaluate: the data is asynchronous/);
});

test('initialEpoch and epochs: runs epochs initialEpoch..epochs-1', async () => {
  const model = classifier().compile({ loss: 'crossEntropy' });
  const h = await model.fit(data.x, data.y, { epochs: 3, initialEpoch: 1, verbose: 0 });
  assert.deepEqual(h.epoch, [1, 2]);
});

test('predict: batched, eval mode, no graph; modes restored', () => {
  const model = classifier(0, 0.5);
  const whole = model.predict(data.x, { batchSize: 1000 });
  const batched = model.predict(data.x, { batchSize: 7 });
  assert.deepEqual(whole.shape, [160, 2]);
  // NOTE: equal up to rounding: a backend's matmul may block a 7-row batch differently from 160 rows
  batched.toFlatArray().forEach((v, i) => assert.ok(Math.abs(v - whole.toFlatArray()[i]!) < 1e-5));
  assert.equal(whole.requiresGrad, false);
  assert.equal(model.training, true);
  model.at(0).eval();
  model.predict(data.x);
  assert.deepEqual([...model.modules()].map((m) => m.training), [true, false, true, true, true]);
  assert.deepEqual(model.predict([data.x.narrow(0, 0, 3), [data.x.narrow(0, 3, 2), data.y]]).shape, [5, 2]);
});

test("trainOnBatch with 'sgd' is one SGD step; testOnBatch changes nothing", () => {
  const a = classifier(5);
  const b = classifier(5);
  a.compile({ optimizer: 'sgd', lr: 0.1, loss: 'crossEntropy', metrics: ['accuracy'] });
  const x = data.x.narrow(0, 0, 10);
  const y = data.y.narrow(0, 0, 10);
  const before = a.testOnBatch(x, y);
  assert.deepEqual(a.testOnBatch(x, y), before);
  const logs = a.trainOnBatch(x, y);
  assert.equal(logs.loss, before.loss);
  const opt = new SGD(b.parameters(), { lr: 0.1 });
  new CrossEntropyLoss().call(b.call(x), y).backward();
  opt.step();
  for (const [pa, pb] of [...a.parameters()].map((p, i) => [p, [...b.parameters()][i]!] as const)) assert.deepEqual(pa.toFlatArray(), pb.toFlatArray());
  assert.ok(a.testOnBatch(x, y).loss! < before.loss!);
});

test('losses and optimizers by name or as objects; metrics follow the loss', async () => {
  const x = tensor([[0], [1], [2], [3]]);
  const y = tensor([1, 3, 5, 7]);
  manualSeed(0);
  const reg = new Linear(1, 1).compile({ optimizer: 'adam', lr: 0.1, loss: 'mse', metrics: ['mae', 'r2'] });
  const h = await reg.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 }); // (N) targets fit (N, 1) predictions
  assert.ok(h.history.loss![19]! < h.history.loss![0]!);
  assert.deepEqual(Object.keys(h.history), ['loss', 'mae', 'r2']);
  // bceWithLogits makes 'accuracy' threshold logits at 0
  const bin = new Linear(1, 1).compile({ loss: 'bceWithLogits', metrics: ['accuracy'] });
  const w = [...bin.parameters()];
  w[0]!.data.set([1]);
  w[1]!.data.set([-1.5]);
  assert.equal(bin.testOnBatch(x, tensor([0, 0, 1, 1])).accuracy, 1);
  // custom loss function, loss module, optimizer object
  const m = classifier();
  const opt = new SGD(m.parameters(), { lr: 0.01 });
  for (const loss of [(p: Tensor, t: Tensor) => p.sub(t.unsqueeze(1).float()).square().mean(), new CrossEntropyLoss()]) {
    m.compile({ optimizer: opt, loss });
    assert.ok(Number.isFinite(m.trainOnBatch(data.x, data.y).loss!));
  }
  class Count extends Metric {
    readonly name = 'seen';
    n = 0;
    reset(): void { this.n = 0; }
    update(pred: Tensor): void { this.n += pred.shape[0]!; }
    result(): number { return this.n; }
  }
  m.compile({ optimizer: opt, loss: 'crossEntropy', metrics: [new Count()] });
  assert.equal((await m.fit(data.x, data.y, { epochs: 1, verbose: 0 })).history.seen![0], 160);
});

test('bad compile and fit arguments are ArgumentErrors that name the method', async () => {
  const model = classifier();
  await assert.rejects(model.fit(data.x, data.y), (e: Error) => e instanceof ArgumentError && /^fit: the model is not compiled/.test(e.message));
  assert.throws(() => model.predict(zeros([])), /predict: x needs a batch dim/);
  assert.throws(() => model.evaluate(data.x, data.y), /evaluate: the model is not compiled/);
  assert.throws(() => model.compile({ optimizer: 'adamm' as 'adam', loss: 'mse' }), /compile: unknown optimizer "adamm"/);
  assert.throws(() => model.compile({ loss: 'crossentropy' as 'crossEntropy' }), /compile: unknown loss "crossentropy"; use one of 'crossEntropy'/);
  assert.throws(() => model.compile({ loss: 'mse', metrics: ['accuracy', 'accuracy'] }), /two metrics are named 'accuracy'/);
  assert.throws(() => model.compile({ loss: 'mse', optimizer: new SGD(model.parameters(), { lr: 1 }), lr: 0.1 }), /lr is only for named optimizers/);
  assert.throws(() => model.compile({ loss: 'mse', epochs: 3 } as never), /compile: unknown option 'epochs'/);
  assert.throws(() => new (class extends Module { forward(x: Tensor) { return x; } })().compile({ loss: 'mse', optimizer: 'sgd' }), /no parameters/);
  model.compile({ loss: 'crossEntropy' });
  const cases: [unknown[], RegExp][] = [
    [[data.x, data.y, { epochs: -1 }], /^fit: epochs must be an integer >= 0, got -1/],
    [[data.x, data.y, { epoch: 2 }], /^fit: unknown option 'epoch'/],
    [[data.x, data.y, { batchSize: 0 }], /^fit: batchSize must be/],
    [[data.x, data.y, { verbose: 3 }], /^fit: verbose must be 0, 1, 2 or 'auto'/],
    [[data.x, data.y, { validationSplit: 1.5 }], /^fit: validationSplit must be in \(0, 1\)/],
    [[data.x, data.y, { validationSplit: 0.2, validationData: [data.x, data.y] }], /not both/],
    [[data.x, data.y, { initialEpoch: 3, epochs: 2 }], /initialEpoch 3 is past epochs 2/],
    [[data.x, data.y, { callbacks: [{}] }], /callbacks\[0\] is not a Callback/],
    [[data.x, data.y.narrow(0, 0, 5)], /^fit: x has 160 samples, y has 5/],
    [[new DataLoader(new TensorDataset(data.x, data.y)), { validationSplit: 0.2 }], /validationSplit needs \(x, y\) tensors or a map-style dataset/],
    [[[[data.x]]], /^fit: each batch must be \[x, y\] Tensors/],
    [[42], /^fit: expected \(x, y\) Tensors, a dataset/],
  ];
  for (const [args, re] of cases) await assert.rejects((fit as (...a: unknown[]) => Promise<unknown>)(model, ...args), (e: Error) => e instanceof ArgumentError || e instanceof ShapeError ? re.test(e.message) || assert.fail(e.message) : assert.fail(String(e)));
  compile(model, { loss: (p: Tensor) => p });
  await assert.rejects(model.fit(data.x, data.y, { verbose: 0 }), /fit: the loss 'loss' must return a one-element Tensor, got a Tensor of shape \[32, 2\]/);
});

test("shape errors inside a child name the layer, its index and both shapes, keeping the class", async () => {
  class Net extends Module {
    conv = new Sequential(new Linear(400, 256), new ReLU());
    fc1 = new Linear(256, 10);
    forward(x: Tensor): Tensor {
      return this.fc1.call(x.narrow(1, 0, 400)); // bug: skips this.conv
    }
  }
  manualSeed(0);
  const net = new Net().compile({ optimizer: 'sgd', loss: 'crossEntropy' });
  const x = zeros([64, 400]);
  const y = zeros([64], { dtype: 'int32' });
  const expected = (e: Error): boolean => e instanceof ShapeError && e.message === "Linear 'fc1' (layer 3): expected input [*, 256], got [64, 400]";
  await assert.rejects(net.fit(x, y, { verbose: 0, batchSize: 64 }), expected);
  assert.throws(() => net.predict(x, { batchSize: 64 }), expected);
  assert.throws(() => net.evaluate(x, y, { batchSize: 64 }), expected);
  assert.throws(() => net.trainOnBatch(x, y), expected);
  assert.throws(() => net.summary(x, { print: false }), expected);
  assert.throws(() => net.summary([400], { print: false }), /Linear 'fc1' \(layer 3\): expected input \[\*, 256\], got \[1, 400\]/);
  // hooks are removed afterwards: a plain call raises the layer's own message
  assert.throws(() => net.call(x), /ShapeError: Linear: expected input \[\*, 256\], got \[64, 400\]$/);
  // an error raised by an op inside a nested child names the innermost module
  const seq = new Sequential(new Linear(2, 3), new Sequential(new Linear(3, 2), new Linear(3, 1)));
  assert.throws(() => seq.predict(ones([1, 2])), /ShapeError: Linear '1\.1' \(layer 3\): expected input \[\*, 3\], got \[1, 2\]$/);
});
