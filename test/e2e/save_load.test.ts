/** model.save(dir) / loadModel(dir) for models built in code from Myelin's layers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, Module, MyelinError, ReLU, Sequential, Tensor, loadModel,
  manualSeed, noGrad, randn,
} from '../../src/index.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-save-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a CNN built in code saves and loads with no user code, computing the same outputs', () => {
  manualSeed(1);
  const model = new Sequential(
    new Conv2d(1, 4, 3, { padding: 1 }), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 4 * 4, 5),
  );
  // one training-mode call moves the BatchNorm running statistics away from their initial values
  noGrad(() => model.call(randn([8, 1, 8, 8])));
  model.eval();
  withDir((dir) => {
    model.save(dir, { note: 'test' });
    const loaded = loadModel(dir);
    assert.equal(loaded.info.note, 'test');
    assert.equal(loaded.model.toString(), model.toString());
    const x = randn([3, 1, 8, 8]);
    const diff = noGrad(() => loaded.model.call(x).sub(model.call(x)).abs().amax().item());
    assert.equal(diff, 0);
    assert.match(readFileSync(join(dir, 'model.json'), 'utf8'), /"type": "Conv2d", "args": \[1, 4, 3, \{ "padding": 1 \}\]/);
  });
});

test('named and nested Sequentials keep their child names', () => {
  const model = new Sequential({ features: new Sequential(new Linear(3, 4), new ReLU()), head: new Linear(4, 2) });
  withDir((dir) => {
    model.save(dir);
    const { model: back } = loadModel(dir);
    assert.deepEqual([...back.stateDict().keys()], [...model.stateDict().keys()]);
    assert.deepEqual([...back.stateDict().keys()], ['features.0.weight', 'features.0.bias', 'head.weight', 'head.bias']);
  });
});

test('a custom Module cannot be described: a clear error, nothing written', () => {
  class Custom extends Module {
    fc = new Linear(2, 2);
    forward(x: Tensor): Tensor {
      return this.fc.call(x);
    }
  }
  withDir((dir) => {
    const target = join(dir, 'out');
    assert.throws(() => new Custom().save(target), (e: unknown) => e instanceof MyelinError && /Custom.*not one of Myelin's layers/.test((e as Error).message));
    assert.throws(() => readFileSync(join(target, 'model.json')));
  });
});
