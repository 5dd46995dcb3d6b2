/**
 * The Optimizer base's contract, on every optimizer: state-dict round trips that continue
 * bit for bit (also through a JSON + flat-array encoding, as a checkpoint writer would store
 * it), parameter groups, zeroGrad, closures, dtypes, and the error paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Adam, ArgumentError, Parameter, SGD, ShapeError, Tensor, tensor, ones, randn, manualSeed, mul, sum,
  type Optimizer, type OptimizerStateDict,
} from '../../src/index.js';
import { makeOptimizer, trajectory, OPTIMIZERS, type OptimizerSpec } from './helpers.js';

const CONFIGS: Pick<OptimizerSpec, 'optimizer' | 'options'>[] = [
  { optimizer: 'SGD', options: { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 } },
  { optimizer: 'Adam', options: { lr: 0.05, amsgrad: true, weightDecay: 0.1 } },
  { optimizer: 'AdamW', options: { lr: 0.05 } },
  { optimizer: 'RMSprop', options: { lr: 0.01, momentum: 0.5, centered: true } },
  { optimizer: 'Adagrad', options: { lr: 0.1, lrDecay: 0.01 } },
  { optimizer: 'Adamax', options: { lr: 0.05 } },
  { optimizer: 'NAdam', options: { lr: 0.05 } },
];

function problem(): { ws: Parameter[]; cs: Tensor[] } {
  manualSeed(3);
  return { ws: [new Parameter(randn([3, 4])), new Parameter(randn([5]))], cs: [randn([3, 4]).abs().add(0.5), randn([5]).abs().add(0.5)] };
}

/** A checkpoint as JSON text: tensors become { shape, dtype, data }. */
function throughJson(sd: OptimizerStateDict): OptimizerStateDict {
  const text = JSON.stringify(sd, (_k, v: unknown) => (v instanceof Tensor ? { shape: v.shape, dtype: v.dtype, data: v.toFlatArray() } : v));
  return JSON.parse(text, (_k, v: unknown) => {
    const t = v as { shape?: number[]; dtype?: 'float32'; data?: number[] };
    return t && Array.isArray(t.data) && Array.isArray(t.shape) ? tensor(Float32Array.from(t.data), { shape: t.shape, dtype: t.dtype }) : v;
  }) as OptimizerStateDict;
}

for (const cfg of CONFIGS) {
  for (const viaJson of [false, true]) {
    test(`${cfg.optimizer}: 5 steps, stateDict, 5 more == load into a fresh optimizer, 5 steps${viaJson ? ' (through JSON)' : ''}`, () => {
      const a = problem();
      const optA = makeOptimizer(cfg, a.ws);
      trajectory(optA, a.ws, a.cs, 5);
      const saved = optA.stateDict();
      const weights = a.ws.map((w) => w.clone());
      const expected = trajectory(optA, a.ws, a.cs, 5);

      const b = problem();
      b.ws.forEach((w, i) => w.data.set(weights[i]!.toTypedArray()));
      const optB = makeOptimizer({ optimizer: cfg.optimizer, options: { lr: 123 } }, b.ws);
      optB.loadStateDict(viaJson ? throughJson(saved) : saved);
      assert.equal(optB.paramGroups[0]!.lr, cfg.options.lr, 'group options restored');
      const got = trajectory(optB, b.ws, b.cs, 5);
      got.forEach((t, i) => assert.deepEqual(t.toTypedArray(), expected[i]!.toTypedArray(), `param ${i}`));
    });
  }
}

test('stateDict: PyTorch layout, copies that later steps do not change', () => {
  const { ws, cs } = problem();
  const opt = new Adam([{ params: [ws[0]!] }, { params: [ws[1]!], lr: 0.5 }], { lr: 0.1 });
  trajectory(opt, ws, cs, 2);
  const sd = opt.stateDict();
  assert.deepEqual(sd.paramGroups.map((g) => [g.params, g.lr, g.betas]), [[[0], 0.1, [0.9, 0.999]], [[1], 0.5, [0.9, 0.999]]]);
  assert.deepEqual(Object.keys(sd.state[1]!).sort(), ['expAvg', 'expAvgSq', 'step']);
  const before = (sd.state[0]!.expAvg as Tensor).toFlatArray();
  trajectory(opt, ws, cs, 1);
  assert.deepEqual((sd.state[0]!.expAvg as Tensor).toFlatArray(), before);
  assert.equal(sd.state[0]!.step, 2);
  sd.paramGroups[0]!.betas[0] = 0;
  assert.equal(opt.paramGroups[0]!.betas[0], 0.9, 'options are copied too');
});

test('loadStateDict: casts state to the parameter dtype; rejects mismatches without changing anything', () => {
  const src = new Parameter(ones([2]));
  const opt = new SGD([src], { lr: 0.1, momentum: 0.9 });
  sum(mul(src, src)).backward();
  opt.step();
  const sd = opt.stateDict();
  const w64 = new Parameter(ones([2], { dtype: 'float64' }));
  const opt64 = new SGD([w64], { lr: 0.1, momentum: 0.9 });
  opt64.loadStateDict(sd);
  assert.equal((opt64.state.get(w64)!.momentumBuffer as Tensor).dtype, 'float64');

  const target = new SGD([new Parameter(ones([2]))], { lr: 0.7 });
  const bad: [unknown, RegExp, typeof ArgumentError][] = [
    [{ ...sd, paramGroups: [...sd.paramGroups, sd.paramGroups[0]] }, /^SGD.loadStateDict: the state dict has 2 parameter groups/, ArgumentError],
    [{ ...sd, paramGroups: [{ ...sd.paramGroups[0], params: [0, 1] }] }, /^SGD.loadStateDict: group 0 has 1 params/, ArgumentError],
    [{ ...sd, state: { 0: { momentumBuffer: ones([3]) } } }, /^SGD.loadStateDict: state 'momentumBuffer' has shape \[3\]/, ShapeError],
    [{ ...sd, paramGroups: [{ ...sd.paramGroups[0], lr: -1 }] }, /^SGD: invalid learning rate -1/, ArgumentError],
    [{ state: sd.state }, /^SGD.loadStateDict: expected \{ state, paramGroups \}/, ArgumentError],
  ];
  for (const [d, re, cls] of bad) {
    assert.throws(() => target.loadStateDict(d as typeof sd), (e: unknown) => e instanceof cls && re.test(e.message), String(re));
  }
  const adam = new Adam([new Parameter(ones([2]))]);
  assert.throws(() => adam.loadStateDict({ state: { 0: { step: 1, expAvg: ones([2]) } }, paramGroups: adam.stateDict().paramGroups }), (e: unknown) => e instanceof ArgumentError && e.message === "Adam.loadStateDict: the state of a parameter lacks 'expAvgSq'");
  assert.equal(target.paramGroups[0]!.lr, 0.7);
  assert.equal(target.state.size, 0);
});

test('param groups: each group uses its own lr; lr changes between steps take effect', () => {
  const a = new Parameter(tensor([1]));
  const b = new Parameter(tensor([1]));
  const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.01 }], { lr: 0.1 });
  const step = () => {
    opt.zeroGrad();
    sum(a.add(b)).backward(); // both gradients are 1
    opt.step();
  };
  step();
  assert.deepEqual([a.item(), b.item()].map((x) => +x.toFixed(6)), [0.9, 0.99]);
  opt.paramGroups[0]!.lr = 0.5;
  step();
  assert.deepEqual([a.item(), b.item()].map((x) => +x.toFixed(6)), [0.4, 0.98]);
});

test('zeroGrad zeroes in place (NaN too) or drops; step skips tensors without a gradient', () => {
  const a = new Parameter(ones([2]));
  const b = new Parameter(ones([2]));
  const opt = new Adam([a, b], { lr: 0.1 });
  a.grad = tensor([NaN, 1]);
  const g = a.grad;
  opt.zeroGrad();
  assert.equal(a.grad, g);
  assert.deepEqual(g.toFlatArray(), [0, 0]);
  opt.zeroGrad(true);
  assert.equal(a.grad, null);
  sum(b).backward();
  opt.step();
  assert.deepEqual(a.toFlatArray(), [1, 1]);
  assert.equal(opt.state.has(a), false);
  assert.equal(opt.state.get(b)!.step, 1);
});

test('step(closure) evaluates the loss with grad on and returns it', () => {
  const w = new Parameter(tensor([2]));
  const opt = new SGD([w], { lr: 0.25 });
  const loss = opt.step(() => {
    opt.zeroGrad();
    const l = sum(mul(w, w));
    l.backward();
    return l.item();
  });
  assert.equal(loss, 4);
  assert.equal(w.item(), 1);
});

test('float64 parameters stay float64, with float64 state', () => {
  for (const name of Object.keys(OPTIMIZERS) as (keyof typeof OPTIMIZERS)[]) {
    const w = new Parameter(tensor([1, -2], { dtype: 'float64' }));
    const opt = makeOptimizer({ optimizer: name, options: { lr: 0.1 } }, [w]);
    sum(mul(w, w)).backward();
    opt.step();
    assert.equal(w.dtype, 'float64');
    for (const v of Object.values(opt.stateDict().state[0]!)) if (v instanceof Tensor) assert.equal(v.dtype, 'float64', name);
  }
});

test('optimizers: bad options and params throw ArgumentErrors that start with the class name', () => {
  const p = () => [new Parameter(ones([2]))];
  const cases: [() => Optimizer, RegExp][] = [
    [() => new SGD(p(), { lr: -1 }), /^SGD: invalid learning rate -1/],
    [() => new SGD(p(), { lr: 0.1, momentum: -0.5 }), /^SGD: invalid momentum/],
    [() => new SGD(p(), { lr: 0.1, nesterov: true }), /^SGD: Nesterov momentum requires a momentum and zero dampening/],
    [() => new SGD(p(), {} as { lr: number }), /^SGD: invalid learning rate undefined/],
    [() => new OPTIMIZERS.Adam(p(), { betas: [1, 0.999] }), /^Adam: invalid beta1 1/],
    [() => new OPTIMIZERS.AdamW(p(), { betas: [0.9, -0.1] }), /^AdamW: invalid beta2 -0.1/],
    [() => new OPTIMIZERS.Adam(p(), { betas: [0.9] as unknown as [number, number] }), /^Adam: betas must be a pair/],
    [() => new OPTIMIZERS.Adam(p(), { eps: -1 }), /^Adam: invalid eps/],
    [() => new OPTIMIZERS.AdamW(p(), { weightDecay: -1 }), /^AdamW: invalid weightDecay/],
    [() => new OPTIMIZERS.RMSprop(p(), { alpha: -1 }), /^RMSprop: invalid alpha/],
    [() => new OPTIMIZERS.Adagrad(p(), { lrDecay: -1 }), /^Adagrad: invalid lrDecay/],
    [() => new OPTIMIZERS.Adagrad(p(), { initialAccumulatorValue: -1 }), /^Adagrad: invalid initialAccumulatorValue/],
    [() => new OPTIMIZERS.Adamax(p(), { lr: NaN }), /^Adamax: invalid learning rate NaN/],
    [() => new OPTIMIZERS.NAdam(p(), { momentumDecay: -1 }), /^NAdam: invalid momentumDecay/],
    [() => new OPTIMIZERS.Adam([{ params: p(), lr: -0.1 }]), /^Adam: invalid learning rate -0.1/],
    [() => new OPTIMIZERS.Adam([]), /^Adam: got an empty parameter list/],
    [() => new OPTIMIZERS.Adam(ones([2]) as unknown as Tensor[]), /^Adam: params must be an iterable/],
    [() => new OPTIMIZERS.Adam([1] as unknown as Tensor[]), /^Adam: a parameter group must be an object|can only optimize Tensors/],
    [() => new OPTIMIZERS.Adam([ones([2], { requiresGrad: true }).mul(2)]), /^Adam: can't optimize a non-leaf Tensor/],
    [() => new OPTIMIZERS.Adam([ones([2, 3]).transpose(0, 1)]), /^Adam: parameters must be contiguous/],
    [() => { const w = p()[0]!; return new OPTIMIZERS.Adam([{ params: [w] }, { params: [w] }]); }, /^Adam: a parameter appears more than once/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e: unknown) => e instanceof ArgumentError && re.test(e.message), String(re));
});

test('step: a gradient whose shape differs from the parameter is a ShapeError', () => {
  const w = new Parameter(ones([2]));
  w.grad = ones([3]);
  assert.throws(() => new SGD([w], { lr: 1 }).step(), (e: unknown) => e instanceof ShapeError && e.message === "SGD.step: gradient shape [3] does not match the parameter's [2]");
});
