/**
 * Module behaviour with real layers: parameter order and nested names equal PyTorch's (from the
 * recorded state-dict keys), stateDict / loadStateDict (strict, non-strict, shape mismatch leaving
 * the module unchanged), train/eval, zeroGrad, apply, hooks, containers and toString.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { noteOf } from './module_case.js';
import { cnn, namedCnn } from './models.js';

const { tensor, randn, ones } = m;
type T = m.Tensor;
const snapshot = (mod: m.Module): Map<string, number[]> => new Map([...mod.stateDict()].map(([k, v]) => [k, v.toFlatArray()]));

test('namedParameters and stateDict keys of nested Sequentials are PyTorch\'s, in its order', () => {
  for (const [name, make] of [['model/cnn', cnn], ['model/named_cnn', namedCnn]] as const) {
    const note = noteOf(name);
    const mod = make();
    assert.deepEqual([...mod.stateDict().keys()], note.keys);
    assert.deepEqual([...mod.namedParameters()].map(([k]) => k), note.keys.filter((k) => !note.buffers.includes(k)));
    assert.deepEqual([...mod.namedBuffers()].map(([k]) => k), note.buffers);
    assert.deepEqual([...mod.parameters()], [...mod.namedParameters()].map(([, p]) => p));
  }
  assert.deepEqual(noteOf('model/named_cnn').keys.slice(0, 4), ['features.0.weight', 'features.0.bias', 'features.1.weight', 'features.1.bias']);
});

test('numParameters counts elements; trainableOnly skips frozen parameters', () => {
  const mod = new m.Sequential(new m.Linear(4, 3), new m.Linear(3, 2, { bias: false }));
  assert.equal(mod.numParameters(), 4 * 3 + 3 + 3 * 2);
  (mod.at(0) as m.Linear).weight.requiresGrad_(false);
  assert.equal(mod.numParameters(true), 3 + 6);
});

test('a shared parameter is listed once', () => {
  const a = new m.Linear(3, 3);
  const seq = new m.Sequential(a, new m.ReLU(), a);
  assert.deepEqual([...seq.namedParameters()].map(([k]) => k), ['0.weight', '0.bias']);
});

test('loadStateDict: strict round trip, then into a fresh model gives the same outputs', () => {
  const src = cnn();
  src.call(randn([2, 1, 8, 8])); // moves the BatchNorm running statistics
  const dst = cnn();
  const res = dst.loadStateDict(src.stateDict());
  assert.deepEqual(res, { missingKeys: [], unexpectedKeys: [] });
  assert.deepEqual(snapshot(dst), snapshot(src));
  const x = randn([2, 1, 8, 8]);
  src.eval();
  dst.eval();
  assert.deepEqual(dst.call(x).toFlatArray(), src.call(x).toFlatArray());
  // copies, not aliases: training one does not move the other
  src.train().call(randn([2, 1, 8, 8]));
  assert.notDeepEqual(snapshot(dst), snapshot(src));
});

test('loadStateDict strict: missing or unexpected keys throw and change nothing', () => {
  const mod = cnn();
  const before = snapshot(mod);
  const state = new Map(cnn().stateDict());
  state.delete('1.running_var');
  assert.throws(() => mod.loadStateDict(state), /^ArgumentError: loadStateDict: missing keys \[1\.running_var\], unexpected keys \[\]/);
  const extra = new Map(cnn().stateDict()).set('6.weight', ones([1]));
  assert.throws(() => mod.loadStateDict(extra), /unexpected keys \[6\.weight\]/);
  assert.deepEqual(snapshot(mod), before);
});

test('loadStateDict non-strict: loads what matches and reports the rest', () => {
  const mod = new m.Sequential(new m.Linear(2, 2), new m.BatchNorm1d(2));
  const res = mod.loadStateDict({ '0.weight': ones([2, 2]), '1.running_mean': tensor([5, 6]), 'head.bias': ones([1]) }, { strict: false });
  assert.deepEqual(res.unexpectedKeys, ['head.bias']);
  assert.deepEqual(res.missingKeys, ['0.bias', '1.weight', '1.bias', '1.running_var', '1.num_batches_tracked']);
  assert.deepEqual((mod.at(0) as m.Linear).weight.toArray(), [[1, 1], [1, 1]]);
  assert.deepEqual((mod.at(1) as m.BatchNorm1d).running_mean!.toArray(), [5, 6]);
});

test('loadStateDict: a shape mismatch throws a ShapeError naming the key and writes nothing, strict or not', () => {
  const mod = new m.Sequential(new m.Linear(4, 3), new m.Linear(3, 2));
  const before = snapshot(mod);
  const state = new Map(mod.stateDict());
  state.set('0.weight', ones([3, 4]).mul(7)); // fits, and comes first
  state.set('1.weight', ones([3, 2]));
  for (const strict of [true, false]) {
    assert.throws(() => mod.loadStateDict(state, { strict }), /^ShapeError: loadStateDict: '1\.weight' has shape \[3,2\] in the state dict but \[2,3\] in the model/);
    assert.deepEqual(snapshot(mod), before);
  }
});

test('loadStateDict keeps parameter identity (optimizers hold references) and converts dtype', () => {
  const lin = new m.Linear(2, 1);
  const w = lin.weight;
  lin.loadStateDict({ weight: tensor([[1, 2]], { dtype: 'float64' }), bias: tensor([3]) });
  assert.equal(lin.weight, w);
  assert.equal(w.dtype, 'float32');
  assert.deepEqual(lin.call(tensor([[1, 1]])).toArray(), [[6]]);
});

test('train/eval reach every descendant and switch Dropout and BatchNorm behaviour', () => {
  m.manualSeed(3);
  const mod = new m.Sequential(new m.Linear(4, 4), new m.Dropout(0.5), new m.Sequential(new m.BatchNorm1d(4)));
  assert.ok([...mod.modules()].every((c) => c.training));
  mod.eval();
  assert.ok([...mod.modules()].every((c) => !c.training));
  const x = randn([8, 4]);
  assert.deepEqual(mod.call(x).toFlatArray(), mod.call(x).toFlatArray()); // deterministic in eval
  const bn = (mod.at(2) as m.Sequential).at(0) as m.BatchNorm1d;
  assert.deepEqual(bn.num_batches_tracked!.item(), 0); // eval does not count batches
  mod.train();
  assert.notDeepEqual(mod.call(x).toFlatArray(), mod.call(x).toFlatArray()); // fresh dropout masks
  assert.equal(bn.num_batches_tracked!.item(), 2);
});

test('zeroGrad clears every parameter gradient', () => {
  const mod = cnn();
  m.crossEntropy(mod.call(randn([2, 1, 8, 8])), tensor([1, 2], { dtype: 'int32' })).backward();
  assert.ok([...mod.parameters()].every((p) => p.grad !== null));
  mod.zeroGrad();
  assert.ok([...mod.parameters()].every((p) => p.grad === null));
});

test('apply visits children before their parent, depth first, and can re-initialise', () => {
  const mod = namedCnn();
  const seen: string[] = [];
  mod.apply((c) => seen.push(c.constructor.name));
  assert.deepEqual(seen, ['Conv2d', 'GroupNorm', 'GELU', 'AvgPool2d', 'Sequential', 'Flatten', 'Linear', 'Tanh', 'Linear', 'Sequential', 'Sequential']);
  mod.apply((c) => {
    if (c instanceof m.Linear) m.init.zeros(c.weight);
  });
  const head = mod.get('head') as m.Sequential;
  assert.equal((head.get('fc2') as m.Linear).weight.abs().sum().item(), 0);
});

test('hooks: a pre-hook can replace the input, a forward hook the output, a backward hook sees dL/dy; removers work', () => {
  const lin = new m.Linear(2, 2);
  m.init.ones(lin.weight);
  m.init.zeros(lin.bias!);
  const x = tensor([[1, 2]]);
  const removePre = lin.registerForwardPreHook((_mod, [xi]) => [xi!.mul(2)]);
  assert.deepEqual(lin.call(x).toArray(), [[6, 6]]);
  const removeFwd = lin.registerForwardHook((_mod, _xs, y) => y.add(1));
  assert.deepEqual(lin.call(x).toArray(), [[7, 7]]);
  removePre();
  removeFwd();
  assert.deepEqual(lin.call(x).toArray(), [[3, 3]]);
  const grads: T[] = [];
  const removeBwd = lin.registerBackwardHook((_mod, g) => void grads.push(g));
  m.sum(m.mul(lin.call(x), tensor([[1, -1]]))).backward();
  assert.deepEqual(grads.map((g) => g.toArray()), [[[1, -1]]]);
  removeBwd();
  // Sequential calls its children through call(), so their hooks run
  const seq = new m.Sequential(lin, new m.ReLU());
  let calls = 0;
  lin.registerForwardHook(() => void calls++);
  seq.call(x);
  assert.equal(calls, 1);
});

test('Sequential, ModuleList and ModuleDict: naming, access, growth and errors', () => {
  const seq = new m.Sequential(new m.Linear(2, 3), new m.ReLU());
  seq.append(new m.Linear(3, 1));
  assert.equal(seq.length, 3);
  assert.deepEqual([...seq.stateDict().keys()], ['0.weight', '0.bias', '2.weight', '2.bias']);
  assert.equal(seq.at(-1), seq.get('2'));
  assert.deepEqual([...seq].map((c) => c.constructor.name), ['Linear', 'ReLU', 'Linear']);
  assert.deepEqual(seq.call(ones([5, 2])).shape, [5, 1]);
  assert.throws(() => seq.at(3), /^IndexError: Sequential: index 3 is out of range for 3 modules/);
  const named = new m.Sequential(new Map<string, m.Module>([['b', new m.Linear(1, 1)], ['1', new m.Linear(1, 1)]]));
  assert.deepEqual([...named.stateDict().keys()], ['b.weight', 'b.bias', '1.weight', '1.bias']); // a Map keeps its order
  assert.throws(() => new m.Sequential({ 'a.b': new m.ReLU() }), /module name must be non-empty and contain no '\.'/);

  const list = new m.ModuleList([new m.Linear(1, 2)]);
  list.append(new m.Linear(2, 3)).insert(0, new m.Linear(1, 1));
  assert.deepEqual([...list.namedParameters()].map(([k, p]) => `${k}:${p.shape}`), ['0.weight:1,1', '0.bias:1', '1.weight:2,1', '1.bias:2', '2.weight:3,2', '2.bias:3']);
  assert.equal(list.length, 3);
  assert.throws(() => list.call(ones([1])), /ModuleList: has no forward/);
  assert.throws(() => list.at(5), /IndexError: ModuleList: index 5/);

  const dict = new m.ModuleDict({ enc: new m.Linear(2, 2) });
  dict.set('dec', new m.Linear(2, 1));
  assert.deepEqual([...dict.keys()], ['enc', 'dec']);
  assert.ok(dict.has('dec') && dict.size === 2);
  assert.deepEqual([...dict.stateDict().keys()], ['enc.weight', 'enc.bias', 'dec.weight', 'dec.bias']);
  dict.delete('enc');
  assert.deepEqual([...dict.namedParameters()].map(([k]) => k), ['dec.weight', 'dec.bias']);
  assert.throws(() => dict.call(ones([1])), /ModuleDict: has no forward/);
});

test('a user Module nests layers, containers and its own Parameter like PyTorch', () => {
  class Block extends m.Module {
    scale = new m.Parameter(ones([1]));
    layers = new m.ModuleList([new m.Linear(2, 2), new m.Linear(2, 2)]);
    norm = new m.LayerNorm(2);
    forward(x: T): T {
      let y = x;
      for (const l of this.layers) y = l.call(y);
      return this.norm.call(y).mul(this.scale);
    }
  }
  const b = new Block();
  assert.deepEqual([...b.stateDict().keys()], ['scale', 'layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'norm.weight', 'norm.bias']);
  assert.equal(b.toString(), [
    'Block(',
    '  (layers): ModuleList(',
    '    (0): Linear(in_features=2, out_features=2, bias=True)',
    '    (1): Linear(in_features=2, out_features=2, bias=True)',
    '  )',
    '  (norm): LayerNorm((2,), eps=1e-05, elementwise_affine=True)',
    ')',
  ].join('\n'));
  assert.deepEqual(b.call(randn([3, 2])).shape, [3, 2]);
});
