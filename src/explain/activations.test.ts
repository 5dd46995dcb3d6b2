import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchNorm1d, Conv2d, Linear, ReLU, Sequential, Tanh, manualSeed, randn, relu } from '../index.js';
import { activations, convFilters, findLayer, lastConv2d } from './index.js';

test('activations returns a layer\'s output, by name or module, in eval mode, and removes its hook', () => {
  manualSeed(1);
  const fc = new Linear(3, 5);
  const bn = new BatchNorm1d(5);
  const net = new Sequential(fc, bn, new ReLU(), new Linear(5, 2));
  const x = randn([4, 3]);
  const expected = relu(bn.eval().call(fc.call(x))).toFlatArray();
  net.train();
  const byName = activations(net, '2', x);
  assert.deepEqual(byName.shape, [4, 5]);
  assert.deepEqual(byName.toFlatArray(), expected);
  assert.deepEqual(activations(net, net.at(2), x).toFlatArray(), expected);
  assert.equal(byName.requiresGrad, false);
  assert.equal(net.training && bn.training, true, 'mode restored');
  assert.deepEqual(net.call(x).shape, [4, 2]);
  assert.throws(() => activations(net, 'fc', x), /no layer named 'fc' \(layers: 0, 1, 2, 3\)/);
  assert.throws(() => activations(net, new Tanh(), x), /Tanh is not a submodule/);
});

test('findLayer and lastConv2d walk nested modules by dotted name', () => {
  const inner = new Sequential(new Conv2d(1, 2, 3), new ReLU(), new Conv2d(2, 3, 3));
  const net = new Sequential({ features: inner, head: new Linear(3, 1) });
  assert.equal(findLayer(net, 'features.2').module, inner.at(2));
  assert.equal(findLayer(net, inner.at(0)).name, 'features.0');
  assert.equal(lastConv2d(net)!.name, 'features.2');
  assert.equal(lastConv2d(new Linear(2, 2)), undefined);
});

test('convFilters scales each filter to [0, 1] on its own', () => {
  manualSeed(2);
  const conv = new Conv2d(3, 4, 5);
  const f = convFilters(conv);
  assert.deepEqual(f.shape, [4, 3, 5, 5]);
  const v = f.toArray() as number[][][][];
  for (const filter of v) {
    const flat = filter.flat(2);
    assert.equal(Math.min(...flat), 0);
    assert.equal(Math.max(...flat), 1);
  }
  // order is preserved: the argmax of each filter's weights is where the image is 1
  const w = conv.weight.toArray() as number[][][][];
  w.forEach((filter, k) => {
    const flat = filter.flat(2);
    assert.equal(v[k]!.flat(2).indexOf(1), flat.indexOf(Math.max(...flat)));
  });
  assert.throws(() => convFilters(randn([2, 3])), /expected a Conv2d weight/);
});
