/**
 * Anomaly mode: the first op that turns finite values into NaN/Inf is named with its phase, layer,
 * shapes and input ranges (log of 0, division by 0, sqrt of a negative; sqrt and pow at 0 in
 * backward only); healthy training raises nothing; the state and the model's hooks are restored
 * after a throw, nested and async scopes; every case runs on each available backend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Adam, Conv2d, Flatten, Linear, MaxPool2d, Module, ReLU, SGD, Sequential, Tanh, Tensor, availableBackends,
  binaryCrossEntropy, crossEntropy, div, getBackend, log, manualSeed, mul, noGrad, pow, randn, setBackend, softmax, sqrt, tensor, add,
} from '../index.js';
import { AnomalyError, detectAnomaly, isAnomalyEnabled, setDetectAnomaly } from './anomaly.js';

/** Runs fn and returns the AnomalyError it throws (fails if it throws nothing or something else). */
function anomalyOf(fn: () => unknown): AnomalyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnomalyError) return e;
    throw e;
  }
  assert.fail('expected an AnomalyError');
}

class Log extends Module {
  forward(x: Tensor): Tensor {
    return log(x);
  }
}

class Sqrt extends Module {
  forward(x: Tensor): Tensor {
    return sqrt(x);
  }
}

const preHookCount = (m: Module): number => (m as unknown as { preHooks: unknown[] }).preHooks.length;

for (const backend of availableBackends()) {
  const on = (name: string, fn: () => void | Promise<void>): void => {
    test(`[${backend}] ${name}`, async () => {
      const prev = getBackend().name;
      setBackend(backend);
      try {
        await fn();
      } finally {
        setBackend(prev);
      }
    });
  };

  on('log of 0 is named at log (forward), not at the 0 · -Inf that turns it into NaN', () => {
    const x = tensor([[0, 1, 2.5], [1, 1, 1]]);
    const e = anomalyOf(() => detectAnomaly(() => mul(tensor([[0, 0, 0], [1, 1, 1]]), log(x))));
    assert.equal(e.op, 'log');
    assert.equal(e.phase, 'forward');
    assert.equal(e.what, 'Inf');
    assert.equal(e.isFromOutside, false);
    assert.equal(e.layer, undefined);
    assert.deepEqual(e.inputShapes, [[2, 3]]);
    assert.deepEqual(e.outputShape, [2, 3]);
    assert.deepEqual(e.inputRanges, [{ min: 0, max: 2.5, hasNaN: false }]);
    assert.match(e.message, /^anomaly: forward op 'log' produced -Inf \(1 of 6 elements\) from finite inputs: input 0 shape \[2,3\], range \[0, 2\.5\]; output shape \[2,3\] float32\. Typical causes: log of 0/);
  });

  on('division by zero and sqrt of a negative', () => {
    const d = anomalyOf(() => detectAnomaly(() => div(tensor([1, 2]), tensor([[0, 1], [1, 1]]))));
    assert.equal(d.op, 'div');
    assert.equal(d.what, 'Inf');
    assert.deepEqual(d.inputShapes, [[2], [2, 2]]);
    assert.deepEqual(d.outputShape, [2, 2]);
    assert.deepEqual(d.inputRanges.map((r) => [r.min, r.max]), [[1, 2], [0, 1]]);
    assert.match(d.message, /division by zero/);
    const s = anomalyOf(() => detectAnomaly(() => sqrt(tensor([4, -1, 9]))));
    assert.equal(s.op, 'sqrt');
    assert.equal(s.what, 'NaN');
    assert.match(s.message, /produced NaN \(1 of 3 elements\).*sqrt of a negative/);
  });

  on('ops run without grad are checked too', () => {
    const e = anomalyOf(() => detectAnomaly(() => noGrad(() => log(tensor([0])))));
    assert.equal(e.op, 'log');
  });

  on('sqrt at 0: the forward is finite, the gradient is Inf, named in backward', () => {
    const x = tensor([0, 4], { requiresGrad: true });
    let forwardDone = false;
    const e = anomalyOf(() => detectAnomaly(() => {
      const y = sqrt(x).sum();
      forwardDone = true;
      y.backward();
    }));
    assert.ok(forwardDone, 'the forward raised nothing');
    assert.equal(e.op, 'sqrt');
    assert.equal(e.phase, 'backward');
    assert.equal(e.what, 'Inf');
    assert.equal(e.inputIndex, 0);
    assert.deepEqual(e.inputShapes, [[2]]);
    assert.deepEqual(e.inputRanges, [{ min: 0, max: 4, hasNaN: false }]);
    assert.deepEqual(e.gradRange, { min: 1, max: 1, hasNaN: false });
    assert.match(e.message, /^anomaly: backward of op 'sqrt' produced Inf \(1 of 2 elements\) in the gradient of input 0: .*infinite derivative at 0/);
  });

  on('pow(x, 0.5) at 0 in backward; the unused exponent gradient of a negative base is not reported', () => {
    const x = tensor([0, 1], { requiresGrad: true });
    const e = anomalyOf(() => detectAnomaly(() => pow(x, 0.5).sum().backward()));
    assert.deepEqual([e.op, e.phase, e.inputIndex], ['pow', 'backward', 0]);
    const neg = tensor([-2, 3], { requiresGrad: true });
    detectAnomaly(() => pow(neg, 2).sum().backward());
    assert.deepEqual(neg.grad!.toArray(), [-4, 6]);
  });

  on('layers are named through a Sequential, forward and backward', () => {
    manualSeed(0);
    const model = new Sequential(new Linear(3, 4), new ReLU(), new Log(), new Linear(4, 2));
    const e = anomalyOf(() => detectAnomaly(() => model.call(randn([5, 3])), { model }));
    assert.equal(e.op, 'log');
    assert.equal(e.layer, "Log '2' (layer 2)");
    assert.deepEqual(e.inputShapes, [[5, 4]]);
    assert.match(e.message, /^anomaly: forward op 'log' in Log '2' \(layer 2\) produced -Inf/);
    const net = new Sequential(new Linear(3, 4), new Sqrt(), new Linear(4, 1));
    // the first Linear outputs exactly 0, so sqrt's forward is finite and its gradient is not
    for (const p of net.at(0).parameters()) p.data.fill(0);
    const b = anomalyOf(() => detectAnomaly(() => net.call(randn([2, 3])).sum().backward(), { model: net }));
    assert.deepEqual([b.op, b.phase, b.layer], ['sqrt', 'backward', "Sqrt '1' (layer 1)"]);
    assert.match(b.message, /^anomaly: backward of op 'sqrt' \(made in Sqrt '1' \(layer 1\)\) produced ±Inf \(8 of 8 elements\)/);
  });

  on('nested modules get dotted names; ops outside every layer say so', () => {
    class Net extends Module {
      fc = new Linear(2, 2);
      block = new Sequential(new Tanh(), new Log());
      forward(x: Tensor): Tensor {
        return this.block.call(this.fc.call(x));
      }
    }
    const net = new Net();
    noGrad(() => [...net.parameters()].forEach((p) => p.data.fill(0)));
    const e = anomalyOf(() => detectAnomaly(() => net.call(tensor([[1, 2]])), { model: net }));
    assert.equal(e.layer, "Log 'block.1' (layer 3)");
    const loss = anomalyOf(() => detectAnomaly(() => log(net.fc.call(tensor([[1, 2]]))), { model: net }));
    assert.equal(loss.layer, undefined);
    assert.match(loss.message, /outside every layer/);
  });

  on('NaN that comes from outside (a parameter) is reported with its name', () => {
    const model = new Sequential(new Linear(2, 2), new ReLU());
    const w = [...model.parameters()][0]!;
    w.data[1] = NaN;
    const e = anomalyOf(() => detectAnomaly(() => model.call(tensor([[1, 2]])), { model }));
    assert.equal(e.isFromOutside, true);
    assert.equal(e.what, 'NaN');
    assert.equal(e.parameter, '0.weight');
    assert.equal(e.layer, "Linear '0' (layer 0)");
    assert.match(e.message, /input \d \(parameter '0\.weight'\) of forward op '\w+' in Linear '0' \(layer 0\) already contains NaN/);
  });

  on('Inf in, Inf out is propagation; NaN from Inf inputs is new (a fully masked softmax row)', () => {
    detectAnomaly(() => {
      add(tensor([Infinity, 1]), 1);
      softmax(tensor([0, -Infinity]), 0);
    });
    const e = anomalyOf(() => detectAnomaly(() => softmax(tensor([-Infinity, -Infinity]), 0)));
    assert.equal(e.what, 'NaN');
    assert.match(e.message, /produced NaN .* from inputs holding Inf/);
  });

  on('a healthy training step raises nothing (MLP with Adam, CNN with padded max pooling, clamped BCE)', () => {
    manualSeed(1);
    const mlp = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 3));
    const adam = new Adam(mlp.parameters(), { lr: 0.01 });
    const cnn = new Sequential(new Conv2d(1, 2, 3, { padding: 1 }), new ReLU(), new MaxPool2d(3, { stride: 2, padding: 1 }), new Flatten(), new Linear(8, 2));
    const sgd = new SGD(cnn.parameters(), { lr: 0.1 });
    const y = tensor([0, 2, 1], { dtype: 'int32' });
    detectAnomaly(() => {
      for (let i = 0; i < 3; i++) {
        adam.zeroGrad();
        crossEntropy(mlp.call(randn([3, 4])), y).backward();
        adam.step();
        sgd.zeroGrad();
        crossEntropy(cnn.call(randn([3, 1, 4, 4])), tensor([0, 1, 1], { dtype: 'int32' })).backward();
        sgd.step();
      }
      const p = tensor([0, 1, 0.5], { requiresGrad: true });
      binaryCrossEntropy(p, tensor([1, 0, 1])).backward();
    }, { model: cnn });
  });

  on('the state is restored after a throw; hooks are removed; nesting keeps the outer scope on', () => {
    const model = new Sequential(new Linear(2, 2), new Log());
    const before = preHookCount(model.at(0));
    assert.throws(() => detectAnomaly(() => log(tensor([0])), { model }), AnomalyError);
    assert.equal(isAnomalyEnabled(), false);
    assert.equal(preHookCount(model.at(0)), before);
    assert.deepEqual(log(tensor([0])).toArray(), [-Infinity], 'off: no checks');
    detectAnomaly(() => {
      detectAnomaly(() => assert.equal(isAnomalyEnabled(), true));
      assert.equal(isAnomalyEnabled(), true, 'the outer scope is still on');
      assert.throws(() => log(tensor([0])), AnomalyError);
    });
    assert.equal(isAnomalyEnabled(), false);
    setDetectAnomaly(true, { model });
    assert.equal(preHookCount(model.at(0)), before + 1);
    assert.throws(() => log(tensor([0])), AnomalyError);
    setDetectAnomaly(false);
    assert.equal(isAnomalyEnabled(), false);
    assert.equal(preHookCount(model.at(0)), before);
  });

  on('an async fn keeps the mode on until it settles; fit can be wrapped', async () => {
    const pending = detectAnomaly(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return isAnomalyEnabled();
    });
    assert.equal(await pending, true);
    assert.equal(isAnomalyEnabled(), false);
    manualSeed(2);
    const model = new Sequential(new Linear(2, 4), new ReLU(), new Log(), new Linear(4, 2));
    model.compile({ optimizer: 'sgd', lr: 0.1, loss: 'crossEntropy' });
    const x = randn([8, 2]);
    const y = tensor([0, 1, 0, 1, 0, 1, 0, 1], { dtype: 'int32' });
    await assert.rejects(detectAnomaly(() => model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 }), { model }), (e: unknown) => {
      assert.ok(e instanceof AnomalyError);
      assert.deepEqual([e.op, e.phase, e.layer], ['log', 'forward', "Log '2' (layer 2)"]);
      return true;
    });
    assert.equal(isAnomalyEnabled(), false);
  });
}
