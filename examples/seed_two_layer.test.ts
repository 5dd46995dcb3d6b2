/** The seed example: hand-derived gradients equal autograd's, and training drives the loss down. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cast } from '../src/index.js';
import { assertClose } from '../test/harness/fixtures.js';
import { X, Y, autogradGrads, initParams, manualGrads, train, type Params } from './seed_two_layer.js';

const KEYS: (keyof Params)[] = ['w1', 'b1', 'w2', 'b2'];

test('hand-derived gradients equal autograd gradients (float64, several inits)', () => {
  const x = cast(X, 'float64');
  const y = cast(Y, 'float64');
  for (const seed of [1, 2, 3, 4, 5]) {
    const p = initParams(seed, 'float64');
    const byHand = manualGrads(p, x, y);
    const byAutograd = autogradGrads(p, x, y);
    for (const k of KEYS) assertClose(byHand[k], byAutograd[k], { rtol: 1e-12, atol: 1e-14 }, `seed ${seed} ${k}`);
  }
});

test('gradient descent drives the XOR loss down, identically with both gradient sources', () => {
  const a = train(initParams(), 600, 0.3, true).losses;
  const b = train(initParams(), 600, 0.3, false).losses;
  assert.ok(a[a.length - 1]! < a[0]! / 10, `loss went from ${a[0]} to ${a[a.length - 1]}`);
  a.forEach((l, i) => assert.ok(Math.abs(l - b[i]!) <= 1e-5 * Math.max(1, l), `step ${i}: ${l} vs ${b[i]}`));
});
