/** The findings rules on hand-made histories: each fires at its threshold, not below it, once per key. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerInfo, LayerStats, StepRecord } from './types.js';
import { type RuleInput, DEAD_FRACTION, LOOKBACK, UPDATE_RATIO_HIGH, findingKey, newFindings, runRules } from './rules.js';

const linear = (index: number, name = String(index)): LayerInfo => ({ name, index, type: 'Linear', activation: 'other', hasParameters: true });
const act = (index: number, type: string, activation: LayerInfo['activation']): LayerInfo => ({ name: String(index), index, type, activation, hasParameters: false });
const NONE: LayerStats = { actMean: null, actStd: null, deadFraction: null, saturatedFraction: null, gradNorm: null, weightNorm: null, updateRatio: null };
const stats = (s: Partial<LayerStats>): LayerStats => ({ ...NONE, ...s });

function history(n: number, loss: (i: number) => number, layers: (i: number) => LayerStats[]): StepRecord[] {
  return Array.from({ length: n }, (_, i) => ({ step: 10 * i, epoch: 0, loss: loss(i), layers: layers(i) }));
}

function input(layers: LayerInfo[], steps: StepRecord[], extra: Partial<RuleInput> = {}): RuleInput {
  return { layers, steps, window: 100, samplesSeen: layers.map(() => 1000), order: layers.map((_, i) => i), ...extra };
}

const codes = (r: RuleInput): string[] => runRules(r).map((f) => f.code);

test('DEAD_UNITS: at DEAD_FRACTION once the window is full, naming layer and numbers', () => {
  const layers = [linear(0, 'fc1'), act(1, 'ReLU', 'relu'), act(2, 'LeakyReLU', 'relu')];
  const steps = history(1, () => 1, () => [stats({ gradNorm: 1, weightNorm: 1 }), stats({ deadFraction: 0.61 }), stats({ deadFraction: DEAD_FRACTION - 0.01 })]);
  const [f, ...rest] = runRules(input(layers, steps));
  assert.equal(rest.length, 0);
  assert.equal(f!.code, 'DEAD_UNITS');
  assert.equal(f!.layer, '1');
  assert.equal(f!.layerIndex, 1);
  assert.equal(f!.message, "layer 1 '1' (ReLU): 61% of units have output 0 for every sample of the last 100 — dead ReLUs");
  assert.match(f!.advice, /He initialisation or LeakyReLU/);
  assert.deepEqual(f!.values, { deadFraction: 0.61, window: 100 });
  assert.deepEqual(codes(input(layers, steps, { samplesSeen: [0, 99, 99] })), [], 'silent before the window has filled');
});

test('SATURATED: mean saturated fraction of recent samples', () => {
  const layers = [act(0, 'Sigmoid', 'sigmoid')];
  assert.deepEqual(codes(input(layers, history(LOOKBACK, () => 1, () => [stats({ saturatedFraction: 0.7 })]))), ['SATURATED']);
  assert.deepEqual(codes(input(layers, history(LOOKBACK, () => 1, () => [stats({ saturatedFraction: 0.3 })]))), []);
  assert.deepEqual(codes(input(layers, history(2, () => 1, () => [stats({ saturatedFraction: 0.9 })]))), [], 'too few samples');
});

test('VANISHING_GRADIENT: first layer (forward order) over last below 1e-3', () => {
  const layers = [linear(0), act(1, 'Sigmoid', 'sigmoid'), linear(2)];
  const grads = (first: number): RuleInput => input(layers, history(LOOKBACK, () => 1, () => [stats({ gradNorm: first, weightNorm: 1 }), NONE, stats({ gradNorm: 1, weightNorm: 1 })]));
  const [f] = runRules(grads(1e-5));
  assert.equal(f!.code, 'VANISHING_GRADIENT');
  assert.equal(f!.layer, '0');
  assert.match(f!.message, /from 1\.0e\+0 at layer 2 '2' \(Linear\) to 1\.0e-5 at layer 0 '0' \(Linear\), 5\.0 orders of magnitude/);
  assert.deepEqual(codes(grads(1e-2)), []);
  assert.deepEqual(codes(grads(0)), ['DEAD_UNITS'], 'an exactly-zero gradient is not "vanishing" but no gradient at all');
  assert.deepEqual(codes({ ...grads(1e-5), order: [2, 1, 0] }), [], 'forward order decides which layer is first');
});

test('EXPLODING_GRADIENT: growth by 1e3 to a norm ≥ 1, or a norm ≥ 1e6', () => {
  const layers = [linear(0), linear(1)];
  const grow = (g: (i: number) => number): RuleInput => input(layers, history(10, () => 1, (i) => [stats({ gradNorm: g(i), weightNorm: 1 }), stats({ gradNorm: 0.001, weightNorm: 1 })]));
  const f = runRules(grow((i) => (i < 7 ? 0.01 : 50)));
  assert.deepEqual(f.map((x) => x.code), ['EXPLODING_GRADIENT']);
  assert.equal(f[0]!.layer, '0');
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(codes(grow((i) => (i < 7 ? 1e-6 : 1e-2))), [], 'tiny norms growing are not an explosion');
  assert.deepEqual(codes(grow(() => 2e6)), ['EXPLODING_GRADIENT']);
});

test('LR_TOO_HIGH: ratio ≥ 1 always; ≥ 0.1 only while the loss rises', () => {
  const layers = [linear(0)];
  const run = (ratio: number, loss: (i: number) => number): string[] => codes(input(layers, history(2 * LOOKBACK, loss, () => [stats({ gradNorm: 1, weightNorm: 1, updateRatio: ratio })])));
  assert.deepEqual(run(2, () => 1), ['LR_TOO_HIGH']);
  assert.deepEqual(run(UPDATE_RATIO_HIGH * 2, () => 1), []);
  assert.deepEqual(run(UPDATE_RATIO_HIGH * 2, (i) => 1 + i), ['LR_TOO_HIGH']);
  assert.deepEqual(run(UPDATE_RATIO_HIGH / 2, (i) => 1 + i), []);
  const [f] = runRules(input(layers, history(2 * LOOKBACK, (i) => 1 + i, () => [stats({ gradNorm: 1, weightNorm: 1, updateRatio: 0.3 })])));
  assert.match(f!.message, /‖ΔW‖\/‖W‖ is 3\.0e-1 per step at layer 0 '0' \(Linear\).*300× the usual ~1e-3, and the loss is rising \(3\.00 → 8\.00\)/);
  assert.equal(f!.severity, 'warning');
});

test('NON_FINITE: from the event; with NaN weights the other rules stay quiet', () => {
  const layers = [linear(0), act(1, 'ReLU', 'relu')];
  const steps = history(1, () => 1, () => [stats({ gradNorm: null, weightNorm: null }), stats({ deadFraction: 1 })]);
  const r = input(layers, steps, { nonFinite: { step: 7, where: 'gradient', layer: 0 } });
  const found = runRules(r);
  assert.deepEqual(found.map((f) => f.code), ['NON_FINITE']);
  assert.equal(found[0]!.message, "the gradient of layer 0 '0' (Linear) holds NaN/Inf at step 7");
  assert.equal(runRules(input(layers, [], { nonFinite: { step: 3, where: 'loss' } }))[0]!.message, 'the loss is NaN or infinite at step 3');
});

test('newFindings: once per (code, layer) for layer codes, once per code for run-wide ones', () => {
  const layers = [act(0, 'ReLU', 'relu'), act(1, 'ReLU', 'relu')];
  const steps = history(1, () => 1, () => [stats({ deadFraction: 0.9 }), stats({ deadFraction: 0.9 })]);
  const first = newFindings(input(layers, steps), new Set());
  assert.equal(first.length, 2);
  assert.deepEqual(newFindings(input(layers, steps), new Set(first.map(findingKey))), []);
  assert.equal(findingKey({ code: 'NON_FINITE', layer: 'x' }), 'NON_FINITE');
});
