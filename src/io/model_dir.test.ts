import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conv2d, Linear, ReLU, Sequential, Tanh, defaultGenerator, manualSeed, randn, saveSafetensors, zeros } from '../index.js';
import { ModelDirError, architectureOf, buildModel, layerTypes, loadModel, prettyJson, saveModel, type LayerSpec } from './model_dir.js';

const TMP = mkdtempSync(join(tmpdir(), 'myelin-model-dir-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));

const CNN: LayerSpec = {
  type: 'Sequential',
  layers: [
    { type: 'Conv2d', args: [1, 4, 3, { padding: 1 }] }, { type: 'ReLU' }, { type: 'MaxPool2d', args: [2] },
    { type: 'Flatten' }, { type: 'Linear', args: [4 * 4 * 4, 3] },
  ],
};

test('the registry is every Module class of the layers barrel', () => {
  const names = layerTypes();
  for (const n of ['Linear', 'Conv2d', 'MaxPool2d', 'Sequential', 'ReLU', 'Flatten', 'BatchNorm2d', 'Identity']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('Module'));
});

test('save then load gives the same outputs, in eval mode, and leaves the RNG alone', () => {
  manualSeed(7);
  const model = buildModel(CNN);
  const x = randn([2, 1, 8, 8]);
  const dir = join(TMP, 'cnn');
  saveModel(dir, model, undefined, { classes: ['a', 'b', 'c'] });
  const before = defaultGenerator.getState();
  const { model: loaded, info, architecture } = loadModel(dir);
  assert.deepEqual(defaultGenerator.getState(), before);
  assert.deepEqual(loaded.call(x).toArray(), model.call(x).toArray());
  assert.equal(loaded.training, false);
  assert.deepEqual(info, { classes: ['a', 'b', 'c'] });
  assert.deepEqual(architecture, CNN);
  assert.deepEqual(architectureOf(loaded), CNN);
  const json = readFileSync(join(dir, 'model.json'), 'utf8');
  assert.match(json, /^      \{ "type": "Conv2d", "args": \[1, 4, 3, \{ "padding": 1 \}\] \},$/m);
  assert.deepEqual(JSON.parse(json).architecture, CNN);
});

test('named Sequential children keep their names', () => {
  const spec: LayerSpec = { type: 'Sequential', layers: [{ type: 'Linear', args: [2, 3], name: 'fc' }, { type: 'Tanh', name: 'act' }] };
  assert.deepEqual([...buildModel(spec).stateDict().keys()], ['fc.weight', 'fc.bias']);
});

test('saveModel derives the spec of built-in layers, and a given spec must fit the model', () => {
  const net = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));
  saveModel(join(TMP, 'derived'), net);
  assert.deepEqual(loadModel(join(TMP, 'derived')).architecture.layers?.map((l) => l.type), ['Linear', 'ReLU', 'Linear']);
  const wrong: LayerSpec = { type: 'Sequential', layers: [{ type: 'Linear', args: [2, 5] }, { type: 'ReLU' }, { type: 'Linear', args: [5, 1] }] };
  assert.throws(() => saveModel(join(TMP, 'x'), net, wrong), /does not match the model/);
  const right: LayerSpec = { type: 'Sequential', layers: [{ type: 'Linear', args: [2, 4] }, { type: 'ReLU' }, { type: 'Linear', args: [4, 1] }] };
  saveModel(join(TMP, 'plain'), net, right);
  assert.ok(loadModel(join(TMP, 'plain')).model instanceof Sequential);
});

test('bad specs fail with a ModelDirError that says where', () => {
  const bad: [unknown, RegExp][] = [
    [null, /architecture must be an object/],
    [{ type: 'Dense' }, /'Dense' is not a Myelin layer/],
    [{ type: 'Linear', args: 'x' }, /architecture.args must be an array/],
    [{ type: 'Linear', args: [2, -1] }, /architecture \(Linear\): Linear: outFeatures/],
    [{ type: 'Tanh', layers: [] }, /only a Sequential takes "layers"/],
    [{ type: 'Sequential', layers: [{ type: 'ReLU' }, { kind: 'x' }] }, /architecture.layers\[1\].type must be a layer name/],
  ];
  for (const [spec, re] of bad) assert.throws(() => buildModel(spec as LayerSpec), (e: unknown) => e instanceof ModelDirError && re.test(e.message));
});

test('loadModel refuses missing, foreign and mismatched files', () => {
  assert.throws(() => loadModel(join(TMP, 'none')), /loadModel: cannot read .*model.json/);
  const dir = join(TMP, 'broken');
  saveModel(dir, buildModel({ type: 'Linear', args: [3, 2] }));
  writeFileSync(join(dir, 'model.json'), '{"format": "other"}');
  assert.throws(() => loadModel(dir), /not a Myelin model file/);
  writeFileSync(join(dir, 'model.json'), '{ nope');
  assert.throws(() => loadModel(dir), /is not valid JSON/);
  writeFileSync(join(dir, 'model.json'), prettyJson({ format: 'myelin.model', version: 1, architecture: { type: 'Linear', args: [3, 2] } }));
  saveSafetensors(join(dir, 'model.safetensors'), { weight: zeros([2, 4]), bias: zeros([2]) });
  assert.throws(() => loadModel(dir), /do not fit the architecture/);
  rmSync(join(dir, 'model.safetensors'));
  assert.throws(() => loadModel(dir), /cannot open .*model.safetensors/);
});

test('a Conv2d model rebuilt from JSON has the same layer reprs', () => {
  const m = buildModel(CNN) as Sequential;
  assert.equal(String(m.at(0)), String(new Conv2d(1, 4, 3, { padding: 1 })));
  assert.equal(String(m.at(-1)), String(new Linear(16 * 4, 3)));
  assert.ok(new Tanh());
});
