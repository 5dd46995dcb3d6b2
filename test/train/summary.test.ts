/**
 * summary: exact text for a nested model (indentation, own-parameter counts, frozen parameters,
 * an unused module), exact totals for a LeNet-style CNN with BatchNorm (running statistics count
 * as non-trainable, as in Keras), integer inputs, and no side effects on modes, hooks or buffers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Module, Parameter, Sequential, Linear, Tanh, ReLU, Conv2d, MaxPool2d, Flatten, BatchNorm1d, Embedding, ones, zeros, summary, type Tensor,
} from '../../src/index.js';

class Block extends Module {
  fc = new Linear(4, 4);
  scale = new Parameter(ones([4]), false);
  forward(x: Tensor): Tensor {
    return this.fc.call(x).mul(this.scale);
  }
}

class Net extends Module {
  a = new Block();
  b = new Sequential(new Tanh(), new Linear(4, 2));
  unused = new ReLU();
  forward(x: Tensor): Tensor {
    return this.b.call(this.a.call(x));
  }
}

test('summary of a nested model: rows, shapes, own counts and totals, exactly', () => {
  const printed: string[] = [];
  const text = new Net().summary([4], { print: (l) => printed.push(l) });
  assert.equal(printed.join('\n'), text);
  assert.equal(text, [
    'Model: "Net"',
    '_'.repeat(65),
    ' Layer (type)                Output Shape              Param #',
    '='.repeat(65),
    ' a (Block)                   (None, 4)                 4',
    '   fc (Linear)               (None, 4)                 20',
    ' b (Sequential)              (None, 2)                 0',
    '   0 (Tanh)                  (None, 4)                 0',
    '   1 (Linear)                (None, 2)                 10',
    ' unused (ReLU)               unused                    0',
    '='.repeat(65),
    'Total params: 34',
    'Trainable params: 30',
    'Non-trainable params: 4',
    '_'.repeat(65),
  ].join('\n'));
});

test('summary of a LeNet-style CNN: output shapes and exact parameter counts', () => {
  const net = new Sequential(
    new Conv2d(1, 6, 5), new ReLU(), new MaxPool2d(2), new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2), new Flatten(),
    new Linear(256, 120), new BatchNorm1d(120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
  );
  const bn = net.at(8) as BatchNorm1d;
  const before = bn.stateDict().get('running_mean')!.toFlatArray();
  const text = summary(net, [1, 28, 28], { print: false });
  const lines = text.split('\n');
  assert.equal(lines[4], ' 0 (Conv2d)                  (None, 6, 24, 24)         156');
  assert.equal(lines[7], ' 3 (Conv2d)                  (None, 16, 8, 8)          2416');
  assert.equal(lines[10], ' 6 (Flatten)                 (None, 256)               0');
  assert.equal(lines[12], ' 8 (BatchNorm1d)             (None, 120)               480');
  assert.deepEqual(lines.slice(-4, -1), ['Total params: 44,906', 'Trainable params: 44,666', 'Non-trainable params: 240']);
  assert.equal(44_666, net.numParameters());
  // an example batch gives the same table; modes, hooks and buffers are untouched
  assert.equal(summary(net, zeros([3, 1, 28, 28]), { print: false }), text);
  assert.ok([...net.modules()].every((m) => m.training));
  assert.deepEqual(bn.stateDict().get('running_mean')!.toFlatArray(), before);
  let calls = 0;
  net.at(0).registerForwardHook(() => void calls++);
  net.call(zeros([2, 1, 28, 28]));
  assert.equal(calls, 1);
});

test('summary with integer inputs and a module called twice', () => {
  class Twice extends Module {
    emb = new Embedding(10, 3);
    fc = new Linear(3, 3);
    forward(x: Tensor): Tensor {
      return this.fc.call(this.fc.call(this.emb.call(x)).sum(1));
    }
  }
  const text = new Twice().summary([5], { dtype: 'int32', print: false });
  assert.match(text, / emb \(Embedding\) +\(None, 5, 3\) +30\n/);
  assert.match(text, / fc \(Linear\) +multiple +12\n/);
  assert.throws(() => summary(new Twice(), 'x' as never, { print: false }), /summary: expected the input shape/);
});
