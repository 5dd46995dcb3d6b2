/**
 * Initialisers (src/nn/init.ts) by their statistics: bounds, standard deviations, orthogonality,
 * PyTorch's gains and fans, the layers' default inits, seeding and in-place semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';

const { init, zeros } = m;
type T = m.Tensor;

function stats(w: T): { mean: number; std: number; absMax: number } {
  const a = w.toFlatArray();
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
  return { mean, std, absMax: Math.max(...a.map(Math.abs)) };
}

const near = (actual: number, expected: number, rel: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual}, expected ${expected} ± ${rel * 100}%`);

test('calculateGain matches torch.nn.init.calculate_gain', () => {
  assert.equal(init.calculateGain('linear'), 1);
  assert.equal(init.calculateGain('conv2d'), 1);
  assert.equal(init.calculateGain('sigmoid'), 1);
  assert.equal(init.calculateGain('tanh'), 5 / 3);
  assert.equal(init.calculateGain('relu'), Math.SQRT2);
  assert.equal(init.calculateGain('selu'), 0.75);
  near(init.calculateGain('leaky_relu'), Math.sqrt(2 / (1 + 0.01 ** 2)), 1e-12, 'leaky_relu default slope');
  near(init.calculateGain('leaky_relu', Math.sqrt(5)), Math.sqrt(1 / 3), 1e-12, 'leaky_relu a=√5');
  assert.throws(() => init.calculateGain('swish' as 'relu'), /unsupported nonlinearity 'swish'/);
});

test('fan in / fan out follow PyTorch for linear, conv and transposed-conv weights', () => {
  assert.deepEqual(init.calculateFanInAndFanOut(zeros([8, 3])), [3, 8]);
  assert.deepEqual(init.calculateFanInAndFanOut(zeros([16, 4, 3, 5])), [60, 240]);
  assert.throws(() => init.calculateFanInAndFanOut(zeros([5])), /at least 2 dims, got \[5\]/);
});

test('uniform, normal, constant, zeros, ones', () => {
  const w = zeros([200, 100]);
  init.uniform(w, -0.5, 1.5);
  const u = stats(w);
  assert.ok(Math.min(...w.toFlatArray()) >= -0.5 && Math.max(...w.toFlatArray()) < 1.5);
  near(u.mean, 0.5, 0.05, 'uniform mean');
  near(u.std, 2 / Math.sqrt(12), 0.02, 'uniform std');
  init.normal(w, 3, 0.2);
  near(stats(w).mean, 3, 0.005, 'normal mean');
  near(stats(w).std, 0.2, 0.02, 'normal std');
  assert.deepEqual(init.constant(zeros([2]), -1.5).toArray(), [-1.5, -1.5]);
  assert.deepEqual(init.ones(zeros([1, 2])).toArray(), [[1, 1]]);
  assert.deepEqual(init.zeros(m.ones([2])).toArray(), [0, 0]);
  assert.throws(() => init.uniform(w, 1, 0), /need a <= b/);
  assert.throws(() => init.normal(w, 0, -1), /std must be >= 0/);
});

test('xavier (glorot) uniform and normal: the Glorot bound and std, times gain', () => {
  const w = zeros([300, 200]);
  const gain = init.calculateGain('tanh');
  const std = gain * Math.sqrt(2 / 500);
  init.xavierUniform(w, gain);
  assert.ok(stats(w).absMax <= Math.sqrt(3) * std);
  near(stats(w).std, std, 0.02, 'xavierUniform std');
  init.glorotNormal(w);
  near(stats(w).std, Math.sqrt(2 / 500), 0.02, 'xavierNormal std');
});

test('kaiming (he) uniform and normal: gain/√fan with fan_in or fan_out', () => {
  const w = zeros([64, 32, 3, 3]); // fan_in 288, fan_out 576
  init.kaimingUniform(w, { nonlinearity: 'relu' });
  const bound = Math.SQRT2 * Math.sqrt(3 / 288);
  assert.ok(stats(w).absMax <= bound);
  near(stats(w).std, bound / Math.sqrt(3), 0.02, 'kaimingUniform std');
  init.heNormal(w, { mode: 'fan_out', nonlinearity: 'relu' });
  near(stats(w).std, Math.SQRT2 / Math.sqrt(576), 0.02, 'kaimingNormal fan_out std');
  assert.ok(Math.abs(stats(w).mean) < 0.005);
  init.kaimingNormal(w, { a: 0.2 }); // leaky_relu is the default nonlinearity
  near(stats(w).std, Math.sqrt(2 / 1.04) / Math.sqrt(288), 0.02, 'kaimingNormal leaky_relu std');
  assert.throws(() => init.kaimingUniform(w, { mode: 'fan_avg' as 'fan_in' }), /mode must be 'fan_in' or 'fan_out'/);
});

test('orthogonal: orthonormal rows (wide) or columns (tall), times gain; conv weights flattened', () => {
  const check = (w: T, gain: number): void => {
    const rows = w.shape[0]!;
    const flat = w.reshape(rows, -1);
    const tall = rows >= flat.shape[1]!;
    const g = tall ? m.matmul(flat.t(), flat) : m.matmul(flat, flat.t());
    const eye = m.eye(g.shape[0]!).mul(gain * gain);
    assert.ok(g.sub(eye).abs().amax().item() < 1e-5, `not orthogonal: ${w.shape}`);
  };
  check(init.orthogonal(zeros([6, 4])), 1);
  check(init.orthogonal(zeros([3, 7]), 2), 2);
  check(init.orthogonal(zeros([5, 5], { dtype: 'float64' })), 1);
  check(init.orthogonal(zeros([4, 2, 3, 3])), 1);
  assert.throws(() => init.orthogonal(zeros([3])), /at least 2 dims/);
});

test('draws follow manualSeed, or a passed Generator without touching the default stream', () => {
  m.manualSeed(11);
  const a = init.kaimingUniform(zeros([4, 4])).toFlatArray();
  m.manualSeed(11);
  assert.deepEqual(init.kaimingUniform(zeros([4, 4])).toFlatArray(), a);
  m.manualSeed(11);
  const g = new m.Generator(5);
  const own = init.normal(zeros([3]), 0, 1, { generator: g }).toFlatArray();
  assert.deepEqual(init.kaimingUniform(zeros([4, 4])).toFlatArray(), a);
  assert.deepEqual(init.normal(zeros([3]), 0, 1, { generator: new m.Generator(5) }).toFlatArray(), own);
  m.manualSeed(2);
  const l1 = new m.Linear(3, 2);
  m.manualSeed(2);
  assert.deepEqual(new m.Linear(3, 2).weight.toFlatArray(), l1.weight.toFlatArray());
});

test('initialisers write in place, outside the graph, keeping dtype and identity', () => {
  const p = new m.Parameter(zeros([3, 2], { dtype: 'float64' }));
  const out = init.xavierUniform(p);
  assert.equal(out, p);
  assert.equal(p.dtype, 'float64');
  assert.ok(p.isLeaf && p.requiresGrad);
  assert.equal(p.gradFn, null);
});

test("layers' default inits: PyTorch's kaiming_uniform(a=√5) bound 1/√fanIn, ones/zeros for norms, N(0,1) embeddings", () => {
  m.manualSeed(0);
  const lin = new m.Linear(400, 300);
  near(stats(lin.weight).absMax, 1 / 20, 0.01, 'Linear weight bound');
  near(stats(lin.weight).std, 1 / 20 / Math.sqrt(3), 0.03, 'Linear weight std');
  near(stats(lin.bias!).absMax, 1 / 20, 0.05, 'Linear bias bound');
  const conv = new m.Conv2d(16, 32, 5, { groups: 2 }); // fan_in = 8·25
  near(stats(conv.weight).absMax, 1 / Math.sqrt(200), 0.01, 'Conv2d weight bound');
  assert.ok(stats(conv.bias!).absMax <= 1 / Math.sqrt(200));
  const convT = new m.ConvTranspose2d(64, 8, 3); // weight [64, 8, 3, 3]: fan_in = 8·9
  near(stats(convT.weight).absMax, 1 / Math.sqrt(72), 0.01, 'ConvTranspose2d weight bound');
  const conv1 = new m.Conv1d(10, 20, 5);
  assert.ok(stats(conv1.weight).absMax <= 1 / Math.sqrt(50));
  const bil = new m.Bilinear(25, 10, 40);
  near(stats(bil.weight).absMax, 1 / 5, 0.01, 'Bilinear weight bound');
  const emb = new m.Embedding(500, 40);
  near(stats(emb.weight).std, 1, 0.03, 'Embedding std');
  for (const norm of [new m.BatchNorm2d(3), new m.LayerNorm([3]), new m.GroupNorm(1, 3)]) {
    assert.deepEqual(norm.weight!.toArray(), [1, 1, 1]);
    assert.deepEqual(norm.bias!.toArray(), [0, 0, 0]);
  }
  assert.deepEqual(new m.PReLU(2).weight.toArray(), [0.25, 0.25]);
  const f64 = new m.Linear(3, 2, { dtype: 'float64' });
  assert.ok([...f64.parameters()].every((p) => p.dtype === 'float64'));
});
