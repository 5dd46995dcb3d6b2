/**
 * Each callback's behaviour inside fit: EarlyStopping stops and restores the best weights,
 * ModelCheckpoint writes every epoch or only on improvement, CSV and JSONL loggers write their
 * files, TerminateOnNaN stops on a NaN loss, LR callbacks change the optimizer's lr, and the
 * ProgressBar draws a bar on a TTY but exactly one plain line per epoch otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Sequential, Linear, ReLU, Module, Parameter, Callback, EarlyStopping, ModelCheckpoint, CSVLogger, JsonlLogger, TerminateOnNaN,
  ProgressBar, LearningRateScheduler, ReduceLROnPlateauCallback, callbacks, loadCheckpoint, manualSeed, moons, tensor, zeros,
  formatCheckpointPath, type Logs, type Tensor,
} from '../../src/index.js';

const data = moons(64, { seed: 2, noise: 0.1 });

function classifier(): Sequential {
  manualSeed(0);
  return new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 2));
}

/** A model whose loss is scripted per epoch: w moves by the step, the loss reads a table. */
class Scripted extends Module {
  w = new Parameter(zeros([1]));
  forward(x: Tensor): Tensor {
    return x.mul(this.w);
  }
}

/** Feeds `values` as the epoch logs' val_loss through a callback placed before the others. */
class FakeVal extends Callback {
  constructor(private readonly values: number[]) {
    super();
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs.val_loss = this.values[epoch]!;
  }
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'myelin-cb-'));
}

test('EarlyStopping stops after patience epochs without improvement and restores the best weights', async () => {
  const model = new Scripted().compile({ optimizer: 'sgd', lr: 1, loss: (p) => p.sum().mul(0).add(model.w.sum().mul(-1)) });
  // w grows by 1 per batch (one batch per epoch): the weights at epoch e are [e + 1]
  const stop = new EarlyStopping({ patience: 2, restoreBestWeights: true });
  const h = await model.fit(tensor([[1]]), tensor([[0]]), { epochs: 20, batchSize: 1, verbose: 0, callbacks: [new FakeVal([5, 3, 4, 3.5, 1, 0.5]), stop] });
  assert.deepEqual(h.epoch, [0, 1, 2, 3]);
  assert.equal(stop.stoppedEpoch, 3);
  assert.equal(stop.bestEpoch, 1);
  assert.deepEqual(model.w.toArray(), [2], 'weights of epoch 1 restored');
  // minDelta: an improvement smaller than it does not count; baseline must be beaten
  const strict = new EarlyStopping({ patience: 1, minDelta: 1 });
  const h2 = await new Scripted().compile({ optimizer: 'sgd', loss: (p) => p.sum() }).fit(tensor([[1]]), tensor([[0]]), { epochs: 9, verbose: 0, callbacks: [new FakeVal([5, 4.5, 4, 3.9]), strict] });
  assert.deepEqual(h2.epoch, [0, 1]);
  const baseline = new EarlyStopping({ patience: 2, baseline: 1 });
  const h3 = await new Scripted().compile({ optimizer: 'sgd', loss: (p) => p.sum() }).fit(tensor([[1]]), tensor([[0]]), { epochs: 9, verbose: 0, callbacks: [new FakeVal([5, 4, 3, 2]), baseline] });
  assert.deepEqual(h3.epoch, [0, 1]);
  assert.equal(new EarlyStopping({ monitor: 'val_accuracy' }).mode, 'max');
  await assert.rejects(classifier().compile({ loss: 'crossEntropy' }).fit(data.x, data.y, { verbose: 0, callbacks: [new EarlyStopping()] }), /EarlyStopping: monitor 'val_loss' is not in the logs \[loss\] \(no validation data/);
});

test('ModelCheckpoint writes a checkpoint per epoch, or only when the monitored value improves', async () => {
  const dir = tmp();
  try {
    const model = classifier().compile({ optimizer: 'adam', loss: 'crossEntropy' });
    await model.fit(data.x, data.y, { epochs: 3, verbose: 0, callbacks: [new ModelCheckpoint(join(dir, 'all', 'e{epoch:02d}.safetensors'))] });
    assert.deepEqual(readdirSync(join(dir, 'all')), ['e01.safetensors', 'e02.safetensors', 'e03.safetensors']);
    const ck = loadCheckpoint(join(dir, 'all', 'e03.safetensors'));
    assert.equal(ck.epoch, 3);
    assert.equal(ck.step, 6);
    assert.deepEqual([...ck.model.keys()], ['0.weight', '0.bias', '2.weight', '2.bias']);
    assert.deepEqual(ck.model.get('2.bias')!.toArray(), model.at(2).stateDict().get('bias')!.toArray());
    assert.ok(ck.optimizer !== undefined && ck.rng !== undefined);

    const best = new ModelCheckpoint(join(dir, 'best', 'e{epoch}-{val_loss:.1f}.safetensors'), { saveBestOnly: true, verbose: 1, stream: { write: () => true } });
    const m2 = new Scripted().compile({ optimizer: 'sgd', loss: (p) => p.sum() });
    await m2.fit(tensor([[1]]), tensor([[0]]), { epochs: 5, verbose: 0, callbacks: [new FakeVal([3, 2, 2.5, 1, 4]), best] });
    assert.deepEqual(readdirSync(join(dir, 'best')).sort(), ['e1-3.0.safetensors', 'e2-2.0.safetensors', 'e4-1.0.safetensors']);
    assert.equal(best.best, 1);
    assert.equal(best.lastSaved, join(dir, 'best', 'e4-1.0.safetensors'));
    assert.equal(formatCheckpointPath('m-{epoch:03d}-{acc:.3f}', 9, { acc: 0.98765 }), 'm-010-0.988');
    assert.throws(() => formatCheckpointPath('{val_acc}', 0, { loss: 1 }), /ModelCheckpoint: filepath field \{val_acc\} is not 'epoch' nor in the logs \[loss\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CSVLogger and JsonlLogger write one row per epoch (JSONL optionally per batch)', async () => {
  const dir = tmp();
  try {
    const model = classifier().compile({ optimizer: 'adam', loss: 'crossEntropy', metrics: ['accuracy'] });
    const csv = join(dir, 'log.csv');
    const jsonl = join(dir, 'sub', 'log.jsonl');
    const h = await model.fit(data.x, data.y, { epochs: 2, batchSize: 32, verbose: 0, validationSplit: 0.5, callbacks: [new CSVLogger(csv), new JsonlLogger(jsonl, { batches: true })] });
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'epoch,accuracy,loss,val_accuracy,val_loss');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[2]!.split(',').map(Number), [1, h.history.accuracy![1], h.history.loss![1], h.history.val_accuracy![1], h.history.val_loss![1]]);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
    assert.equal(lines.length, 2 * 1 + 2); // one batch per epoch (32 training samples) + one line per epoch
    assert.deepEqual(Object.keys(lines[0]!), ['epoch', 'batch', 'loss', 'accuracy']);
    assert.deepEqual(lines[3], { epoch: 1, loss: h.history.loss![1], accuracy: h.history.accuracy![1], val_loss: h.history.val_loss![1], val_accuracy: h.history.val_accuracy![1] });
    // append adds rows under the existing header
    await model.fit(data.x, data.y, { epochs: 1, verbose: 0, validationSplit: 0.5, callbacks: [new CSVLogger(csv, { append: true })] });
    assert.equal(readFileSync(csv, 'utf8').trim().split('\n').length, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TerminateOnNaN stops at the batch whose loss is NaN', async () => {
  const model = classifier().compile({ optimizer: 'sgd', loss: (p, t) => (seen++ === 2 ? p.sum().mul(NaN) : p.sum().mul(0)) });
  let seen = 0;
  const out: string[] = [];
  const term = new TerminateOnNaN({ write: (s) => out.push(s) });
  const batches: number[] = [];
  class Count extends Callback {
    override onBatchEnd(b: number): void {
      batches.push(b);
    }
  }
  const h = await model.fit(data.x, data.y, { epochs: 5, batchSize: 16, verbose: 0, callbacks: [new Count(), term] });
  assert.deepEqual(batches, [0, 1, 2]);
  assert.deepEqual(h.epoch, [0]);
  assert.ok(term.stopped);
  assert.match(out.join(''), /^Epoch 1, batch 2: invalid loss NaN, terminating training\n$/);
});

test('LearningRateScheduler and ReduceLROnPlateau set the lr and log it', async () => {
  const model = new Scripted().compile({ optimizer: 'sgd', lr: 1, loss: (p) => p.sum() });
  const h = await model.fit(tensor([[1]]), tensor([[0]]), { epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((e, lr) => (e === 0 ? 0.5 : lr / 10))] });
  assert.deepEqual(h.history.lr, [0.5, 0.05, 0.005]);
  const plateau = new callbacks.ReduceLROnPlateau({ monitor: 'val_loss', patience: 2, factor: 0.5, minLr: 0.2 });
  const h2 = await new Scripted().compile({ optimizer: 'sgd', lr: 1, loss: (p) => p.sum() }).fit(tensor([[1]]), tensor([[0]]), {
    epochs: 8, verbose: 0, callbacks: [new FakeVal([1, 1, 1, 1, 1, 0.5, 1, 1]), plateau],
  });
  // logged lr is the one used during the epoch; reductions after epochs 2 and 4, then the floor
  assert.deepEqual(h2.history.lr, [1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25]);
  assert.ok(plateau instanceof ReduceLROnPlateauCallback);
});

test('ProgressBar: a redrawn bar on a TTY, exactly one plain line per epoch otherwise', async () => {
  let t = 0;
  const now = (): number => (t += 250);
  const run = async (isTTY: boolean, mode?: 'line'): Promise<string> => {
    let text = '';
    const bar = new ProgressBar({ stream: { write: (s) => (text += s), isTTY }, now, interval: 0, ...(mode ? { mode } : {}) });
    const model = classifier().compile({ optimizer: 'adam', loss: 'crossEntropy', metrics: ['accuracy'] });
    await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, validationSplit: 0.25, callbacks: [bar] });
    return text;
  };
  const plain = await run(false);
  const lines = plain.split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  for (const [i, l] of lines.slice(0, 2).entries()) {
    assert.match(l, new RegExp(`^Epoch ${i + 1}/2 - \\ds - \\d+ samples/s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}$`));
  }
  assert.doesNotMatch(plain, /\r|\[=/);
  assert.equal((await run(true, 'line')).split('\n').length, 3);
  const live = await run(true);
  assert.match(live, /^Epoch 1\/2\n/);
  assert.match(live, /\r1\/3 \[={9}>\.{20}\] - ETA: \ds - loss: \d\.\d{4} - accuracy: \d\.\d{4} - \d+ samples\/s/);
  assert.match(live, /\r3\/3 \[={30}\] - \ds \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}\n/);
  assert.equal(live.split('\n').length, 5);
  // verbose 2 adds its own line-per-epoch bar; verbose 0 none (checked by capturing stdout writes)
  const writes: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((s: string) => (writes.push(s), true)) as typeof process.stdout.write;
  try {
    const model = classifier().compile({ loss: 'crossEntropy' });
    await model.fit(data.x, data.y, { epochs: 2, verbose: 2 });
    await model.fit(data.x, data.y, { epochs: 2, verbose: 0 });
  } finally {
    process.stdout.write = original;
  }
  assert.equal(writes.length, 2);
  assert.match(writes[0]!, /^Epoch 1\/2 - .* - loss: \d\.\d{4}\n$/);
});
