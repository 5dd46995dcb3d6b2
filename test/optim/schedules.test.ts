/**
 * LR schedules against PyTorch 1.13: every 'scheduler/*' fixture (lrs, and momentum for
 * OneCycleLR, after construction and after each of 30 steps), state-dict resumption, errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ArgumentError, CosineAnnealingLR, ExponentialLR, LinearLR, MultiStepLR, OneCycleLR, Parameter, ReduceLROnPlateau,
  SGD, StepLR, Adam, tensor, zeros, type LRScheduler, type Optimizer,
} from '../../src/index.js';
import { loadFamily, assertClose } from '../harness/fixtures.js';
import { makeOptimizer, type OptimizerSpec } from './helpers.js';

const SCHEDULERS = { StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR, ReduceLROnPlateau };
type Scheduler = LRScheduler | ReduceLROnPlateau;
interface Spec {
  schedulers: { scheduler: keyof typeof SCHEDULERS; options?: Record<string, unknown> }[];
  optimizer: OptimizerSpec;
  groupLrs: number[];
  steps: number;
  metrics?: number[];
}

function setup(spec: Spec): { opt: Optimizer; scheds: Scheduler[] } {
  const params = spec.groupLrs.map(() => new Parameter(zeros([2])));
  const opt = makeOptimizer({ ...spec.optimizer, groups: spec.groupLrs.map((lr) => ({ lr })) }, params);
  const scheds = spec.schedulers.map((s) => {
    const Ctor = SCHEDULERS[s.scheduler] as unknown as new (o: Optimizer, options: Record<string, unknown>) => Scheduler;
    return new Ctor(opt, s.options ?? {});
  });
  return { opt, scheds };
}

function stepAll(scheds: Scheduler[], metric: number | undefined): void {
  for (const s of scheds) {
    if (s instanceof ReduceLROnPlateau) s.step(metric!);
    else s.step();
  }
}

const momentumOf = (g: Optimizer['paramGroups'][number]): number => {
  const h = g as { betas?: [number, number]; momentum?: number };
  return h.betas ? h.betas[0] : h.momentum!;
};

const cases = Object.entries(loadFamily('optim')).filter(([name]) => name.startsWith('scheduler/'));

test('every schedule has PyTorch fixtures', () => {
  const names = new Set(cases.flatMap(([, c]) => (JSON.parse(c.note!) as Spec).schedulers.map((s) => s.scheduler)));
  assert.deepEqual([...names].sort(), Object.keys(SCHEDULERS).sort());
});

for (const [name, fx] of cases) {
  const spec = JSON.parse(fx.note!) as Spec;
  test(`${name}: lrs match PyTorch`, () => {
    const { opt, scheds } = setup(spec);
    const lrs = [opt.paramGroups.map((g) => g.lr)];
    const moms = [opt.paramGroups.map(momentumOf)];
    for (let i = 0; i < spec.steps; i++) {
      opt.step();
      stepAll(scheds, spec.metrics?.[i]);
      lrs.push(opt.paramGroups.map((g) => g.lr));
      moms.push(opt.paramGroups.map(momentumOf));
      assert.deepEqual(scheds.at(-1)!.getLastLr(), lrs.at(-1));
    }
    const tol = { rtol: 1e-12, atol: 1e-15 };
    assertClose(tensor(lrs, { dtype: 'float64' }), fx.outputs[0]!, tol, `${name} lr`);
    if (fx.outputs[1]) assertClose(tensor(moms, { dtype: 'float64' }), fx.outputs[1], tol, `${name} momentum`);
  });

  test(`${name}: stateDict after 10 steps resumes the same schedule`, () => {
    const a = setup(spec);
    for (let i = 0; i < 10; i++) stepAll(a.scheds, spec.metrics?.[i]);
    const optState = a.opt.stateDict();
    const saved = a.scheds.map((s) => JSON.parse(JSON.stringify(s.stateDict())) as ReturnType<Scheduler['stateDict']>);
    const b = setup(spec);
    b.opt.loadStateDict(optState);
    b.scheds.forEach((s, i) => s.loadStateDict(saved[i]!));
    for (let i = 10; i < spec.steps; i++) {
      stepAll(a.scheds, spec.metrics?.[i]);
      stepAll(b.scheds, spec.metrics?.[i]);
      assert.deepEqual(b.opt.paramGroups.map((g) => [g.lr, momentumOf(g)]), a.opt.paramGroups.map((g) => [g.lr, momentumOf(g)]), `step ${i + 1}`);
    }
  });
}

const sgd = (lr = 0.1) => new SGD([new Parameter(zeros([1]))], { lr, momentum: 0.9 });

test('schedules: bad options throw ArgumentErrors that name the schedule', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => new StepLR(sgd(), { stepSize: 0 }), /^StepLR: stepSize/],
    [() => new MultiStepLR(sgd(), { milestones: [1.5] }), /^MultiStepLR: milestones/],
    [() => new ExponentialLR(sgd(), {} as { gamma: number }), /^ExponentialLR: gamma/],
    [() => new CosineAnnealingLR(sgd(), { tMax: 0 }), /^CosineAnnealingLR: tMax/],
    [() => new LinearLR(sgd(), { startFactor: 1.5 }), /^LinearLR: startFactor/],
    [() => new LinearLR(sgd(), { endFactor: -1 }), /^LinearLR: endFactor/],
    [() => new OneCycleLR(sgd(), { maxLr: 1 }), /^OneCycleLR: give totalSteps/],
    [() => new OneCycleLR(sgd(), { maxLr: 1, epochs: 2, stepsPerEpoch: 0 }), /^OneCycleLR: stepsPerEpoch/],
    [() => new OneCycleLR(sgd(), { maxLr: [1, 2], totalSteps: 5 }), /^OneCycleLR: expected 1 values for maxLr/],
    [() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 5, pctStart: 2 }), /^OneCycleLR: pctStart/],
    [() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 5, annealStrategy: 'exp' as 'cos' }), /^OneCycleLR: annealStrategy/],
    [() => new ReduceLROnPlateau(sgd(), { factor: 1 }), /^ReduceLROnPlateau: factor/],
    [() => new ReduceLROnPlateau(sgd(), { mode: 'up' as 'min' }), /^ReduceLROnPlateau: mode/],
    [() => new ReduceLROnPlateau(sgd(), { minLr: [0, 0] }), /^ReduceLROnPlateau: expected 1 minLrs/],
    [() => new StepLR({} as Optimizer, { stepSize: 1 }), /^StepLR: expected an Optimizer/],
  ];
  for (const [fn, re] of bad) assert.throws(fn, (e: unknown) => e instanceof ArgumentError && re.test(e.message), String(re));
});

test('OneCycleLR: stepping past totalSteps throws; cycleMomentum needs momentum or betas', () => {
  const s = new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 3 });
  for (let i = 0; i < 3; i++) s.step();
  assert.throws(() => s.step(), (e: unknown) => e instanceof ArgumentError && e.message === 'OneCycleLR: tried to step 5 times; totalSteps is 3');
  const adam = new Adam([new Parameter(zeros([1]))]);
  new OneCycleLR(adam, { maxLr: 0.01, totalSteps: 10, maxMomentum: 0.9 });
  assert.deepEqual(adam.paramGroups[0]!.betas, [0.9, 0.999]);
});

test('schedulers share initialLr: a second schedule starts from the original lr', () => {
  const opt = sgd(1);
  new LinearLR(opt, { startFactor: 0.5 });
  const cos = new CosineAnnealingLR(opt, { tMax: 4 });
  assert.equal(opt.paramGroups[0]!.initialLr, 1);
  assert.deepEqual(cos.baseLrs, [1]);
  assert.equal(opt.paramGroups[0]!.lr, 0.5);
});

test('ReduceLROnPlateau: accepts one-element tensors; JSON state with best = ±Infinity round-trips', () => {
  const opt = sgd(1);
  const s = new ReduceLROnPlateau(opt, { patience: 0 });
  const restored = new ReduceLROnPlateau(opt, { patience: 0 });
  restored.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())) as ReturnType<ReduceLROnPlateau['stateDict']>);
  assert.equal(restored.best, Infinity);
  s.step(tensor([2]));
  s.step(tensor(3));
  assert.deepEqual(s.getLastLr(), [0.1]);
  assert.throws(() => s.step('x' as unknown as number), (e: unknown) => e instanceof ArgumentError && e.message.startsWith('ReduceLROnPlateau.step: metric'));
});
