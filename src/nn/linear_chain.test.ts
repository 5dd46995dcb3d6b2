/**
 * Linear chains (nn/linear_chain.ts): inside inferenceMode on native, a run of Linear [+ ReLU]
 * layers is one native call whose output equals the layer-by-layer run bit for bit (any batch,
 * 1 or 2 threads, with and without biases and ReLUs, 3-d inputs, a chain inside a longer
 * Sequential); it is not taken when a hook reads tensors, outside the scope, with fusion off or
 * for a single layer; shape errors still name the layer; the kernel rejects bad arguments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Dropout, Flatten, Linear, ReLU, Sequential, ShapeError, Sigmoid, cat, mseLoss, getNumThreads, inferenceMode, manualSeed, noGrad, randn, setLayerFusion, setNumThreads,
  type Module, type Tensor,
} from '../index.js';
import { onBackend, skip } from '../../test/backend/native_helpers.js';
import { fusedKernels } from '../backend/native/fused.js';
import { linearChainRuns } from './linear_chain.js';

const bits = (t: Tensor): number[] => Array.from(new Uint32Array(new Float32Array(t.toTypedArray()).buffer));

/** The model's output in a scope, with how many chains ran for it. */
function scoped(model: Module, x: Tensor): { y: Tensor; chains: number } {
  const before = linearChainRuns();
  const y = inferenceMode(() => model.call(x));
  return { y, chains: linearChainRuns() - before };
}

/** The same, layer by layer (fusion off: no pairs, no chains), still inside a scope (packed weights). */
function layerByLayer(model: Module, x: Tensor): Tensor {
  setLayerFusion(false);
  try {
    return inferenceMode(() => model.call(x));
  } finally {
    setLayerFusion(true);
  }
}

const mlp = (): Sequential => new Sequential(new Linear(70, 33), new ReLU(), new Linear(33, 17), new ReLU(), new Linear(17, 5));

test('native: a linear chain equals the layers run one by one, bit for bit', { skip }, () => onBackend('native', () => {
  const threads = getNumThreads();
  try {
    manualSeed(3);
    const models: [string, Sequential][] = [
      ['mlp', mlp()],
      ['no biases, no relus', new Sequential(new Linear(20, 9, { bias: false }), new Linear(9, 40, { bias: false }), new Linear(40, 3))],
      ['relu last', new Sequential(new Linear(12, 6), new ReLU(), new Linear(6, 6), new ReLU())],
    ];
    for (const n of [1, 2]) {
      setNumThreads(n);
      for (const [name, model] of models) {
        const K = (model.at(0) as Linear).inFeatures;
        for (const rows of [1, 5, 300, 1037]) {
          const x = randn([rows, K]);
          const { y, chains } = scoped(model, x);
          assert.equal(chains, 1, `${name}: one chain for the whole model`);
          assert.deepEqual(bits(y), bits(layerByLayer(model, x)), `${name}, ${rows} rows, ${n} thread(s)`);
          assert.deepEqual(bits(y), bits(noGrad(() => model.call(x))), `${name}: same as a plain call (unpacked weights)`);
        }
      }
    }
    const model = mlp();
    const x3 = randn([3, 7, 70]);
    const { y, chains } = scoped(model, x3);
    assert.deepEqual([y.shape, chains], [[3, 7, 5], 1], 'a 3-d input keeps its leading dims');
    assert.deepEqual(bits(y), bits(layerByLayer(model, x3)));
  } finally {
    setNumThreads(threads);
  }
}));

test('native: a chain inside a longer Sequential, passive hooks still run in layer order', { skip }, () => onBackend('native', () => {
  manualSeed(4);
  const net = new Sequential(new Flatten(), new Linear(12, 8), new ReLU(), new Linear(8, 4), new Sigmoid());
  const seen: string[] = [];
  for (const [i, m] of [...net.children()].entries()) {
    m.registerForwardPreHook(() => void seen.push(`pre ${i}`), { passive: true });
    m.registerForwardHook(() => void seen.push(`post ${i}`), { passive: true });
  }
  const x = randn([6, 3, 4]);
  const { y, chains } = scoped(net, x);
  assert.equal(chains, 1);
  assert.deepEqual(seen, [0, 1, 2, 3, 4].flatMap((i) => [`pre ${i}`, `post ${i}`]));
  assert.deepEqual(bits(y), bits(layerByLayer(net, x)));
}));

test('native: eval-mode Dropouts are passed over; predict and evaluate run chains', { skip }, () => onBackend('native', () => {
  manualSeed(7);
  const net = new Sequential(new Linear(10, 8), new Dropout(0.3), new ReLU(), new Dropout(0.3), new Linear(8, 6), new Dropout(0.3), new Linear(6, 3));
  const x = randn([50, 10]);
  net.train();
  assert.equal(scoped(net, x).chains, 0, 'training-mode Dropouts are not the identity: no chain');
  net.eval();
  const { y, chains } = scoped(net, x);
  assert.equal(chains, 1, 'one chain over all seven modules');
  assert.deepEqual(bits(y), bits(layerByLayer(net, x)));
  net.train();
  const before = linearChainRuns();
  const predicted = net.predict(x, { batchSize: 20 });
  assert.equal(linearChainRuns() - before, 3, 'predict: one chain per batch');
  assert.equal(net.training, true, 'predict restores the mode');
  net.eval();
  assert.deepEqual(bits(predicted), bits(cat([0, 20, 40].map((s) => noGrad(() => net.call(x.narrow(0, s, Math.min(20, 50 - s))))), 0)));
  net.compile({ loss: 'mse' });
  const target = randn([50, 3]);
  const mid = linearChainRuns();
  const logs = net.evaluate(x, target, { batchSize: 25 });
  assert.equal(linearChainRuns() - mid, 2, 'evaluate: one chain per batch');
  assert.ok(Math.abs(logs['loss']! - noGrad(() => mseLoss(net.call(x), target).item())) < 1e-6);
}));

test('native: no chain when a hook reads tensors, outside inferenceMode, with fusion off, or for one layer', { skip }, () => onBackend('native', () => {
  manualSeed(5);
  const model = mlp();
  const x = randn([9, 70]);
  const reference = bits(layerByLayer(model, x));
  assert.equal(scoped(new Sequential(new Linear(70, 4), new ReLU()), x).chains, 0, 'a single Linear is the fused pair, not a chain');
  const before = linearChainRuns();
  noGrad(() => model.call(x));
  assert.equal(linearChainRuns(), before, 'outside inferenceMode');
  setLayerFusion(false);
  try {
    assert.equal(scoped(model, x).chains, 0, 'fusion off');
  } finally {
    setLayerFusion(true);
  }
  let hidden: readonly number[] | undefined;
  const remove = model.at(2).registerForwardHook((_m, _xs, out) => void (hidden = out.shape));
  const observed = scoped(model, x);
  remove();
  assert.deepEqual([observed.chains, hidden], [0, [9, 17]], 'the hook saw the hidden layer: no chain');
  assert.deepEqual(bits(observed.y), reference);
}));

test('native: shape errors inside a chain still name the layer', { skip }, () => onBackend('native', () => {
  const model = mlp();
  assert.throws(() => inferenceMode(() => model.call(randn([4, 69]))), (e: unknown) => e instanceof ShapeError && /Linear/.test((e as Error).message));
  const broken = new Sequential(new Linear(5, 6), new ReLU(), new Linear(7, 2));
  assert.throws(() => inferenceMode(() => broken.call(randn([4, 5]))), (e: unknown) => e instanceof ShapeError && /Linear/.test((e as Error).message) && /7/.test((e as Error).message));
}));

test('js: inferenceMode runs no chain and gives the same values', () => onBackend('js', () => {
  manualSeed(6);
  const model = mlp();
  const x = randn([4, 70]);
  const { y, chains } = scoped(model, x);
  assert.equal(chains, 0);
  assert.deepEqual(bits(y), bits(noGrad(() => model.call(x))));
}));

test('native: linearChainPacked rejects bad arguments without crashing', { skip }, () => {
  const f = onBackend('native', () => fusedKernels());
  assert.ok(f?.linearChainPacked && f.linearPackedSize && f.linearPack, 'the addon has the chain kernel');
  const pack = (K: number, N: number): Float32Array => {
    const p = new Float32Array(f.linearPackedSize!(K, N));
    f.linearPack!(new Float32Array(K * N).fill(0.5), p, K, N);
    return p;
  };
  const [p1, p2] = [pack(4, 3), pack(3, 2)];
  const x = new Float32Array(8).fill(1);
  const y = new Float32Array(4);
  f.linearChainPacked!(x, y, 2, [4, 3, 2], [p1, p2], [new Float32Array(3), null], [1, 0]);
  assert.deepEqual([...y], [3, 3, 3, 3], 'ones · 0.5 over 4 inputs = 2, then 3 × 2 × 0.5 = 3');
  const chain = f.linearChainPacked!.bind(f) as unknown as (...args: unknown[]) => void;
  const bad: [string, unknown[], RegExp][] = [
    ['dims not an array', [x, y, 2, 4, [p1, p2], [null, null], [0, 0]], /bad arguments/],
    ['one layer only dims', [x, y, 2, [4], [], [], []], /bad arguments/],
    ['lists of another length', [x, y, 2, [4, 3, 2], [p1], [null, null], [0, 0]], /bad arguments/],
    ['relu flag 2', [x, y, 2, [4, 3, 2], [p1, p2], [null, null], [2, 0]], /bad arguments/],
    ['a pack that is not an array', [x, y, 2, [4, 3, 2], [p1, 'p2'], [null, null], [0, 0]], /bad arguments/],
    ['negative dim', [x, y, 2, [4, -3, 2], [p1, p2], [null, null], [0, 0]], /bad arguments/],
    ['a pack for other sizes', [x, y, 2, [4, 3, 2], [p2, p1], [null, null], [0, 0]], /array sizes do not match/],
    ['a short bias', [x, y, 2, [4, 3, 2], [p1, p2], [new Float32Array(2), null], [0, 0]], /array sizes do not match/],
    ['a short output', [x, new Float32Array(3), 2, [4, 3, 2], [p1, p2], [null, null], [0, 0]], /array sizes do not match/],
    ['a float64 input', [new Float64Array(8), y, 2, [4, 3, 2], [p1, p2], [null, null], [0, 0]], /array sizes do not match/],
  ];
  for (const [what, args, message] of bad) assert.throws(() => chain(...args), message, what);
  assert.deepEqual([...y], [3, 3, 3, 3], 'a rejected call leaves the output as it was');
});
