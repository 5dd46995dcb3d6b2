/**
 * The native fused optimizer steps (native/src/optim.cc) against the JS fused loops: SGD and
 * Adam/AdamW over several steps and option combinations, float32 parameters of sizes that hit
 * the vector loops' tails, compared bit for bit (NaN equals NaN). Gradients are set directly, so
 * both runs see the same numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Adam, AdamW, Parameter, SGD, getBackend, setBackend, tensor, type Optimizer, type Tensor } from '../../src/index.js';
import { tryAddon } from '../../src/backend/native/addon.js';
import { nativeSteps } from '../../src/optim/native.js';
import { native, rng } from './native_helpers.js';

const addon = native ? tryAddon() : undefined;
const skip = !native ? 'the native addon is not built on this machine' : !addon?.sgdUpdate ? 'the native addon has no fused optimizer steps (rebuild it)' : false;
if (skip) console.log(`# native_optim: skipped: ${skip}`);

const SIZES = [1, 7, 33, 1000];
const STEPS = 6;

function values(n: number, seed: number, scale: number): Float32Array {
  const next = rng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (next() * 2 - 1) * scale * (i % 11 === 3 ? 1e-4 : 1);
  if (n > 5) a[5] = 0;
  return a;
}

type Make = (ps: Tensor[]) => Optimizer;

/** Final parameters and state buffers after STEPS steps on `backend`. */
function run(backend: 'js' | 'native', make: Make): Float32Array[] {
  const prev = getBackend().name;
  setBackend(backend);
  try {
    const ps = SIZES.map((n, i) => new Parameter(tensor(values(n, 11 + i, 2))));
    const opt = make(ps);
    if (backend === 'native') assert.ok(nativeSteps(), 'the native steps are used on the native backend');
    for (let s = 0; s < STEPS; s++) {
      ps.forEach((p, i) => (p.grad = tensor(values(SIZES[i]!, 100 * s + i + 1, s === 2 ? 50 : 1))));
      if (s === 3) opt.paramGroups[0]!.lr *= 0.5;
      opt.step();
    }
    const out: Float32Array[] = ps.map((p) => Float32Array.from(p.data as Float32Array));
    for (const p of ps) {
      for (const v of Object.values(opt.state.get(p)!)) if (v instanceof Object && 'data' in v) out.push(Float32Array.from((v as Tensor).data as Float32Array));
    }
    return out;
  } finally {
    setBackend(prev);
  }
}

function assertBits(a: Float32Array[], b: Float32Array[], what: string): void {
  assert.equal(a.length, b.length, `${what}: number of arrays`);
  a.forEach((x, k) => {
    const y = b[k]!;
    const xu = new Uint32Array(x.buffer), yu = new Uint32Array(y.buffer);
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i]) && Number.isNaN(y[i])) continue;
      if (xu[i] !== yu[i]) assert.fail(`${what}: array ${k} element ${i}: native ${x[i]} vs js ${y[i]}`);
    }
  });
}

const SGD_CASES: Record<string, unknown>[] = [
  {},
  { momentum: 0.9 },
  { momentum: 0.9, dampening: 0.1, weightDecay: 1e-3 },
  { momentum: 0.8, nesterov: true, weightDecay: 5e-4 },
  { momentum: 0.9, nesterov: true, maximize: true },
  { weightDecay: 0.01, maximize: true },
];
const ADAM_CASES: Record<string, unknown>[] = [
  {},
  { betas: [0.8, 0.99], eps: 1e-6 },
  { weightDecay: 0.01 },
  { amsgrad: true },
  { amsgrad: true, maximize: true, weightDecay: 1e-3 },
  { maximize: true, betas: [0.5, 0.9] },
];

test('native SGD steps equal the JS fused loop bit for bit', { skip }, () => {
  for (const o of SGD_CASES) {
    const make: Make = (ps) => new SGD(ps, { lr: 0.05, ...o });
    assertBits(run('native', make), run('js', make), `SGD ${JSON.stringify(o)}`);
  }
});

test('native Adam and AdamW steps equal the JS fused loop bit for bit', { skip }, () => {
  for (const o of ADAM_CASES) {
    const a: Make = (ps) => new Adam(ps, { lr: 0.01, ...o });
    assertBits(run('native', a), run('js', a), `Adam ${JSON.stringify(o)}`);
    const w: Make = (ps) => new AdamW(ps, { lr: 0.01, ...o });
    assertBits(run('native', w), run('js', w), `AdamW ${JSON.stringify(o)}`);
  }
});

test('float64 parameters and the reference path still run on native', { skip }, () => {
  const prev = getBackend().name;
  setBackend('native');
  try {
    const p = new Parameter(tensor([1, -2, 3], { dtype: 'float64' }));
    const opt = new Adam([p], { lr: 0.1 });
    p.grad = tensor([1, 1, -1], { dtype: 'float64' });
    opt.step();
    assert.deepEqual(Array.from(p.data as Float64Array).map((x) => Math.round(x * 1e6) / 1e6), [0.9, -2.1, 3.1]);
  } finally {
    setBackend(prev);
  }
});

test('the addon rejects arrays of different lengths', { skip }, () => {
  const a = new Float32Array(4), b = new Float32Array(3);
  assert.throws(() => addon!.sgdUpdate!(a, b, null, 0, 0, 1, -0.1, 0), /sgdUpdate/);
  assert.throws(() => addon!.adamUpdate!(a, a, a, b, null, 1, 0, 0.9, 0.1, 0.999, 0.001, -0.1, 1, 1e-8, 0), /adamUpdate/);
  assert.throws(() => addon!.sgdUpdate!(a, a, b, 0, 0.9, 1, -0.1, 4), /sgdUpdate/);
});
