/**
 * Checkpoints: a Module, a nested optimizer-like state, a scheduler, epoch/step, the RNG position
 * and extras survive save -> load -> restore exactly (the generator continues with the same
 * numbers); broken state and tampered files fail with CheckpointError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Module, Parameter, Tensor, Generator, tensor, zeros, randn, ones,
  saveCheckpoint, loadCheckpoint, restoreCheckpoint, serializeCheckpoint, parseCheckpoint, inspectSafetensors,
  serializeSafetensors, parseSafetensors, CheckpointError, SafetensorsError, MyelinError, ShapeError,
} from '../../src/index.js';

class Child extends Module {
  weight: Parameter;
  constructor(g: Generator) {
    super();
    this.weight = new Parameter(randn([2, 2], { generator: g, dtype: 'float64' }));
    this.registerBuffer('count', tensor([3], { dtype: 'int32' }));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

class Net extends Module {
  fc: Parameter;
  bias: Parameter;
  child: Child;
  constructor(seed: number) {
    super();
    const g = new Generator(seed);
    this.fc = new Parameter(randn([3, 2], { generator: g }));
    this.bias = new Parameter(zeros([2]));
    this.child = new Child(g);
    this.registerBuffer('mask', tensor([true, false]));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Tensors as {dtype, shape, values} and Maps as entry lists, for deepStrictEqual (NaN and -0 exact). */
function plain(v: unknown): unknown {
  if (v instanceof Tensor) return { dtype: v.dtype, shape: v.shape, values: v.toFlatArray() };
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, plain(x)]) };
  if (Array.isArray(v)) return Array.from(v, plain);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** An Adam-like state dict in PyTorch's layout, with the awkward values a generic encoder must keep. */
function optimizerState(): Record<string, unknown> {
  const shared = tensor([9, 9]);
  return {
    state: {
      0: { step: 3, exp_avg: tensor([0.1, -0.2]), exp_avg_sq: tensor([[1e-8]], { dtype: 'float64' }) },
      1: { step: 3, exp_avg: shared, max_exp_avg_sq: shared },
    },
    paramGroups: [{ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [0, 1], foreach: null }],
    byMap: new Map<number | string, unknown>([[0, new Map([['inner', tensor([1], { dtype: 'int32' })]])], ['k', [1, 'two', true]]]),
    specials: [NaN, Infinity, -Infinity, -0, undefined, null, 0, ''],
    optional: undefined,
    $tensor: 'a user key that looks like a marker',
    $$x: { $map: 1 },
    'a.b': tensor([1]),
    a: { b: tensor([2]) },
    empty: { obj: {}, arr: [], map: new Map() },
    ...(JSON.parse('{"__proto__": {"kept": true}}') as object),
  };
}

function inTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-ckpt-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Generator getState/setState resumes the exact stream, cached normal included', () => {
  const g = new Generator(123);
  randn([3], { generator: g }); // odd count: a spare normal is cached
  const s = g.getState();
  assert.equal(typeof s.spare, 'number');
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  const next = [g.nextFloat(), g.nextNormal(), g.nextNormal(), g.nextUint32()];
  const h = new Generator(0).setState(s);
  assert.deepEqual([h.nextFloat(), h.nextNormal(), h.nextNormal(), h.nextUint32()], next);
  for (const bad of [{ state: [0, 0, 0, 0], spare: null }, { state: [1, 2, 3], spare: null }, { state: [1, 2, 3, 2 ** 32], spare: null }, { state: [1, 2, 3, 4], spare: NaN }, null]) {
    assert.throws(() => new Generator().setState(bad as never), /^ArgumentError: setState: /);
  }
});

test('save -> load -> restore: model, nested optimizer state, scheduler, epoch, step, rng and extras', () => {
  inTempDir((dir) => {
    const path = join(dir, 'last.safetensors');
    const model = new Net(1);
    const g = new Generator(42);
    randn([5], { generator: g });
    const optState = optimizerState();
    const extra = { best: 0.25, history: [1.5, NaN], tag: 'run-7', when: { epoch: 4 }, sample: ones([2, 2]) };
    saveCheckpoint(path, { model, optimizer: { stateDict: () => optState }, scheduler: { stateDict: () => ({ lastEpoch: 4, baseLrs: [0.1] }) }, epoch: 4, step: 1234, rng: g, extra });
    const expectNext = [g.nextFloat(), g.nextNormal(), g.nextNormal()];

    const names = inspectSafetensors(path).tensors.map((t) => t.name);
    for (const n of ['model.fc', 'model.bias', 'model.child.weight', 'model.child.count', 'model.mask', 'optim.state.0.exp_avg', 'optim.state.1.exp_avg', 'optim.byMap.0.inner', 'extra.sample']) {
      assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
    }
    assert.ok(!names.includes('optim.state.1.max_exp_avg_sq'), 'a tensor referenced twice is stored once');
    assert.deepEqual(readdirSync(dir), ['last.safetensors']);

    const ckpt = loadCheckpoint(path);
    assert.equal(ckpt.epoch, 4);
    assert.equal(ckpt.step, 1234);
    assert.deepStrictEqual(plain(ckpt.optimizer), plain(optState));
    assert.deepStrictEqual(ckpt.scheduler, { lastEpoch: 4, baseLrs: [0.1] });
    assert.deepStrictEqual(plain(ckpt.extra), plain(extra));
    const o = ckpt.optimizer as { state: Record<string, Record<string, Tensor>> };
    assert.equal(o.state['1']!.exp_avg, o.state['1']!.max_exp_avg_sq, 'sharing is restored');
    assert.ok(Object.hasOwn(ckpt.optimizer as object, '__proto__'));

    const fresh = new Net(2);
    const loaded: unknown[] = [];
    const h = new Generator(0);
    const out = restoreCheckpoint(ckpt, { model: fresh, optimizer: { loadStateDict: (s) => loaded.push(s) }, scheduler: { loadStateDict: (s) => loaded.push(s) }, generator: h });
    assert.equal(out.step, 1234);
    assert.deepStrictEqual(plain(fresh.stateDict()), plain(model.stateDict()));
    assert.equal(fresh.fc.requiresGrad, true);
    assert.equal(loaded.length, 2);
    assert.deepEqual([h.nextFloat(), h.nextNormal(), h.nextNormal()], expectNext);
  });
});

test('a checkpoint is a plain safetensors file: weights readable by any reader, state in metadata', () => {
  const bytes = serializeCheckpoint({ model: new Net(3), epoch: 1 });
  const { tensors, metadata } = parseSafetensors(bytes);
  assert.deepEqual([...tensors.keys()].sort(), ['model.bias', 'model.child.count', 'model.child.weight', 'model.fc', 'model.mask']);
  assert.equal(metadata['myelin.format'], 'checkpoint');
  assert.equal(metadata['myelin.version'], '1');
  assert.equal((JSON.parse(metadata['myelin.state']!) as { epoch: number }).epoch, 1);
  const empty = parseCheckpoint(serializeCheckpoint({}));
  assert.deepStrictEqual({ ...empty, model: [...empty.model] }, { model: [], optimizer: undefined, scheduler: undefined, epoch: 0, step: 0, rng: undefined, extra: undefined });
  assert.deepEqual([...parseCheckpoint(serializeCheckpoint({ model: new Map([['w', ones([1])]]) })).model.keys()], ['w']);
});

function expectError(fn: () => unknown, cls: typeof MyelinError, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.match((e as Error).message, message);
    assert.ok(!(e as Error).message.includes('\n'));
    return true;
  });
}

test('state that cannot be stored is refused with its path', () => {
  const save = (extra: unknown): Uint8Array => serializeCheckpoint({ extra });
  expectError(() => save({ a: { when: new Date(0) } }), CheckpointError, /^serializeCheckpoint: cannot store a Date at "extra\.a\.when"/);
  expectError(() => save([() => 1]), CheckpointError, /cannot store a function at "extra\.0"/);
  expectError(() => save({ n: 1n }), CheckpointError, /cannot store a bigint at "extra\.n"/);
  expectError(() => save({ s: Symbol('x') }), CheckpointError, /cannot store a symbol/);
  expectError(() => save({ t: new Float32Array(2) }), CheckpointError, /cannot store a Float32Array/);
  expectError(() => save(new Map([[{}, 1]])), CheckpointError, /Map keys must be strings or numbers/);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  expectError(() => save(cyclic), CheckpointError, /cycle at "extra\.self\.back"/);
  let deep: unknown = 1;
  for (let i = 0; i < 1000; i++) deep = [deep];
  expectError(() => save(deep), CheckpointError, /nested deeper than/);
  expectError(() => serializeCheckpoint({ epoch: -1 }), CheckpointError, /epoch must be a non-negative integer, got -1/);
  expectError(() => serializeCheckpoint({ step: 1.5 }), CheckpointError, /step must be a non-negative integer/);
  expectError(() => serializeCheckpoint({ rng: { state: [0, 0, 0, 0], spare: null } }), CheckpointError, /rng is not a Generator/);
  expectError(() => serializeCheckpoint({ optimizer: {} as never }), CheckpointError, /optimizer must have a stateDict\(\) method/);
  expectError(() => serializeCheckpoint({ model: { w: [1] as never } }), CheckpointError, /model must be a Module or named tensors; "w" is an Array/);
});

/** A checkpoint whose state JSON was edited by `edit`. */
function tampered(edit: (state: Record<string, unknown>) => void, tensors: Record<string, Tensor> = { 'extra.t': ones([1]) }): Uint8Array {
  const state: Record<string, unknown> = { epoch: 0, step: 0, extra: { $tensor: 'extra.t' } };
  edit(state);
  return serializeSafetensors(tensors, { 'myelin.format': 'checkpoint', 'myelin.version': '1', 'myelin.state': JSON.stringify(state) });
}

test('files that are not consistent checkpoints are refused', () => {
  const p = (bytes: Uint8Array) => () => parseCheckpoint(bytes);
  expectError(p(serializeSafetensors({ w: ones([1]) })), CheckpointError, /not a Myelin checkpoint .*loadSafetensors/);
  expectError(p(serializeSafetensors({}, { 'myelin.format': 'checkpoint', 'myelin.version': '9' })), CheckpointError, /format version "9" is not 1/);
  expectError(p(serializeSafetensors({}, { 'myelin.format': 'checkpoint', 'myelin.version': '1', 'myelin.state': '{' })), CheckpointError, /not valid JSON/);
  expectError(p(tampered((s) => { s.extra = { $tensor: 'nope' }; })), CheckpointError, /refers to tensor "nope", which the file does not hold/);
  expectError(p(tampered((s) => { delete s.extra; })), CheckpointError, /tensor "extra\.t" is in the file but not in the checkpoint state/);
  expectError(p(tampered((s) => { s.optimizer = { $eval: 'x' }; })), CheckpointError, /unknown marker "\$eval"/);
  expectError(p(tampered((s) => { s.optimizer = { a: 1, $b: 2 }; })), CheckpointError, /unescaped key "\$b"/);
  expectError(p(tampered((s) => { s.scheduler = { $number: 'eval' }; })), CheckpointError, /malformed \$number/);
  expectError(p(tampered((s) => { s.scheduler = { $map: [[1]] }; })), CheckpointError, /malformed \$map/);
  expectError(p(tampered((s) => { s.model = { $map: [['w', 1]] }; })), CheckpointError, /model section is not a map of names to tensors/);
  expectError(p(tampered((s) => { s.epoch = 'x'; })), CheckpointError, /epoch must be a non-negative integer/);
  expectError(p(tampered((s) => { s.rng = { state: [1, 2], spare: null }; })), CheckpointError, /rng is not a Generator/);
  expectError(p(new Uint8Array(3)), SafetensorsError, /^parseSafetensors: /);
});

test('restore refuses targets the checkpoint has no state for, before writing anything', () => {
  const ckpt = parseCheckpoint(serializeCheckpoint({ epoch: 1 }));
  const model = new Net(5);
  const before = model.fc.toFlatArray();
  expectError(() => restoreCheckpoint(ckpt, { model, generator: new Generator() }), CheckpointError, /^restoreCheckpoint: the checkpoint has no model, rng state to restore$/);
  expectError(() => restoreCheckpoint(ckpt, { optimizer: { loadStateDict: () => undefined } }), CheckpointError, /no optimizer state/);
  assert.deepEqual(model.fc.toFlatArray(), before);
  const other = parseCheckpoint(serializeCheckpoint({ model: { fc: ones([9]) } }));
  expectError(() => restoreCheckpoint(other, { model }, { strict: false }), ShapeError, /'fc' has shape \[9\]/);
  const thrower = parseCheckpoint(serializeCheckpoint({ optimizer: { stateDict: () => ({}) } }));
  expectError(() => restoreCheckpoint(thrower, { optimizer: { loadStateDict: () => { throw new TypeError('bad state'); } } }), CheckpointError, /^restoreCheckpoint: bad state$/);
});

test('saving over a checkpoint is atomic; file errors are CheckpointErrors with the cause', () => {
  inTempDir((dir) => {
    const path = join(dir, 'c.safetensors');
    saveCheckpoint(path, { epoch: 1 });
    const old = readFileSync(path);
    assert.throws(() => saveCheckpoint(path, { epoch: 2, optimizer: { stateDict: () => { throw new Error('boom'); } } }), /boom/);
    assert.deepEqual(readFileSync(path), old);
    assert.deepEqual(readdirSync(dir), ['c.safetensors']);
    expectError(() => loadCheckpoint(join(dir, 'missing')), CheckpointError, /^loadCheckpoint: cannot open '.*missing': ENOENT/);
    expectError(() => saveCheckpoint(join(dir, 'no', 'c'), {}), CheckpointError, /^saveCheckpoint: cannot write/);
    writeFileSync(join(dir, 'junk'), 'not a checkpoint at all');
    expectError(() => loadCheckpoint(join(dir, 'junk')), SafetensorsError, /^loadCheckpoint: header length/);
  });
});
