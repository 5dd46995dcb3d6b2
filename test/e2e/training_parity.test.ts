/**
 * A tiny model trained for 20 steps reproduces PyTorch's loss trajectory (llm.c's test_gpt2):
 * the layers, the loss, autograd and the optimizer (and a scheduler) together, with the starting
 * weights and data recorded by tools/fixtures/cases/training.py. Run on every backend, and once
 * more through the Keras-style fit().
 */
import { test } from 'node:test';
import {
  Adam, Callback, Conv2d, Flatten, Linear, MaxPool2d, ReLU, SGD, Sequential, StepLR, Tanh, Tensor, availableBackends,
  crossEntropy, setBackend, getBackend, tensor, type Module, type Optimizer,
} from '../../src/index.js';
import { assertClose, fixtureCase, fromJson } from '../harness/fixtures.js';

function setup(name: string, build: () => Module, keys: string[]): { model: Module; x: Tensor; y: Tensor; expected: Tensor } {
  const fx = fixtureCase('training', name);
  const [x, y, ...weights] = fx.inputs.map(fromJson);
  const model = build();
  model.loadStateDict(new Map(keys.map((k, i) => [k, weights[i]!])));
  return { model, x: x!, y: y!, expected: fromJson(fx.outputs[0]!) };
}

function trainLoop(model: Module, x: Tensor, y: Tensor, opt: Optimizer, onStep?: () => void): Tensor {
  const losses: number[] = [];
  for (let i = 0; i < 20; i++) {
    opt.zeroGrad();
    const loss = crossEntropy(model.call(x), y);
    loss.backward();
    opt.step();
    onStep?.();
    losses.push(loss.item());
  }
  return tensor(losses);
}

const mlp = (): Module => new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 3));
const MLP_KEYS = ['0.weight', '0.bias', '2.weight', '2.bias'];
const cnn = (): Module => new Sequential(new Conv2d(1, 3, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(48, 2));
const CNN_KEYS = ['0.weight', '0.bias', '4.weight', '4.bias'];
// NOTE: 20 float32 steps compound rounding differences; 1e-4 relative still catches any wrong rule.
const TOL = { rtol: 1e-4, atol: 1e-6 };

for (const backend of availableBackends()) {
  const run = (fn: () => void) => () => {
    const prev = getBackend().name;
    setBackend(backend);
    try {
      fn();
    } finally {
      setBackend(prev);
    }
  };
  test(`MLP + Adam: 20-step loss trajectory matches PyTorch [${backend}]`, run(() => {
    const { model, x, y, expected } = setup('mlp_adam/losses', mlp, MLP_KEYS);
    assertClose(trainLoop(model, x, y, new Adam(model.parameters(), { lr: 0.01 })), expected, TOL, 'losses');
  }));
  test(`MLP + SGD(nesterov, weight decay): 20-step trajectory matches PyTorch [${backend}]`, run(() => {
    const { model, x, y, expected } = setup('mlp_sgd_nesterov/losses', mlp, MLP_KEYS);
    const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 });
    assertClose(trainLoop(model, x, y, opt), expected, TOL, 'losses');
  }));
  test(`CNN + SGD momentum + StepLR: 20-step trajectory matches PyTorch [${backend}]`, run(() => {
    const { model, x, y, expected } = setup('cnn_sgd_steplr/losses', cnn, CNN_KEYS);
    const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const sched = new StepLR(opt, { stepSize: 5, gamma: 0.5 });
    assertClose(trainLoop(model, x, y, opt, () => sched.step()), expected, TOL, 'losses');
  }));
}

test('the same trajectory through the Keras-style fit() (full batch, no shuffle)', async () => {
  const { model, x, y, expected } = setup('mlp_adam/losses', mlp, MLP_KEYS);
  const losses: number[] = [];
  model.compile({ optimizer: new Adam(model.parameters(), { lr: 0.01 }), loss: 'crossEntropy' });
  await model.fit(x, y, {
    epochs: 20,
    batchSize: 16,
    shuffle: false,
    verbose: 0,
    callbacks: [new (class extends Callback {
      override onBatchEnd(_batch: number, logs: Record<string, number> = {}): void {
        losses.push(logs.loss!);
      }
    })()],
  });
  assertClose(tensor(losses), expected, TOL, 'fit losses');
});
