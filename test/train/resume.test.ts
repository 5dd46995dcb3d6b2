/**
 * Resume exactness: 4 epochs straight versus 2 epochs, a checkpoint, a fresh model and optimizer
 * (built from a different seed) and `resumeFrom` for the last 2 give bit-identical per-batch
 * losses and epoch logs, with shuffling, dropout, an LR schedule and stateful callbacks on; once
 * with the default generator driving everything, once with fit's seed, a seeded DataLoader and a
 * Dropout with its own generator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Sequential, Linear, ReLU, Dropout, StepLR, Generator, DataLoader, TensorDataset, EarlyStopping, ModelCheckpoint,
  ReduceLROnPlateauCallback, crossEntropy, manualSeed, moons, loadCheckpoint, CheckpointError, type Tensor, type Callback,
} from '../../src/index.js';

const data = moons(96, { seed: 4, noise: 0.2 });

interface Run {
  model: Sequential;
  losses: number[];
}

function build(seed: number, ownDropout: boolean): Run {
  manualSeed(seed);
  const losses: number[] = [];
  const drop = ownDropout ? new Dropout(0.3, { generator: new Generator(seed + 1) }) : new Dropout(0.3);
  const model = new Sequential(new Linear(2, 12), new ReLU(), drop, new Linear(12, 2));
  model.compile({
    optimizer: 'adam',
    lr: 0.02,
    loss: (p: Tensor, t: Tensor) => {
      const l = crossEntropy(p, t);
      losses.push(l.item());
      return l;
    },
    metrics: ['accuracy'],
    scheduler: (opt) => new StepLR(opt, { stepSize: 1, gamma: 0.8 }),
  });
  return { model, losses };
}

const callbacks = (path: string): Callback[] => [
  new EarlyStopping({ monitor: 'val_loss', patience: 10, restoreBestWeights: true }),
  // 'max' on a falling loss: its best stays at epoch 0, so a resumed run only matches it with the saved state
  new EarlyStopping({ monitor: 'val_loss', mode: 'max', patience: 10 }),
  new ReduceLROnPlateauCallback({ monitor: 'loss', patience: 1, factor: 0.5 }),
  new ModelCheckpoint(path),
];

for (const variant of ['default generator', 'own generators'] as const) {
  test(`resume reproduces the uninterrupted run exactly (${variant})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'myelin-resume-'));
    try {
      const own = variant === 'own generators';
      const loader = (): DataLoader<[Tensor, Tensor], Tensor[]> | undefined =>
        own ? new DataLoader(new TensorDataset(data.x, data.y), { batchSize: 16, shuffle: true, generator: new Generator(7) }) : undefined;
      const fitArgs = (): [Tensor | DataLoader<[Tensor, Tensor], Tensor[]>, ...unknown[]] => (own ? [loader()!] : [data.x, data.y]);
      const opts = { batchSize: 16, validationData: [data.x.narrow(0, 0, 24), data.y.narrow(0, 0, 24)] as [Tensor, Tensor], verbose: 0 as const, ...(own ? { seed: 11 } : {}) };
      const fitOf = (r: Run, extra: object): Promise<{ history: Record<string, number[]>; epoch: number[] }> =>
        (r.model.fit as (...a: unknown[]) => Promise<{ history: Record<string, number[]>; epoch: number[] }>)(...fitArgs(), { ...opts, ...extra });

      const straight = build(1, own);
      const cbA = callbacks(join(dir, 'a', 'e{epoch}.safetensors'));
      const hA = await fitOf(straight, { epochs: 4, callbacks: cbA });

      const first = build(1, own);
      await fitOf(first, { epochs: 2, callbacks: callbacks(join(dir, 'b', 'e{epoch}.safetensors')) });
      const ckpt = join(dir, 'b', 'e2.safetensors');
      assert.ok(existsSync(ckpt));
      assert.equal(loadCheckpoint(ckpt).epoch, 2);
      const half = first.losses.length;
      assert.deepEqual(first.losses, straight.losses.slice(0, half));

      const resumed = build(99, own); // a different init and default-generator position
      const cbC = callbacks(join(dir, 'c', 'e{epoch}.safetensors'));
      const hC = await fitOf(resumed, { epochs: 4, resumeFrom: ckpt, callbacks: cbC });
      const counters = (cbs: Callback[]): unknown[] => cbs.map((c) => {
        const { bestWeights, ...rest } = (c.stateDict() ?? {}) as Record<string, unknown>;
        return rest;
      });
      assert.deepEqual(counters(cbC), counters(cbA));
      assert.equal((cbA[1] as EarlyStopping).bestEpoch, 0);
      assert.deepEqual(hC.epoch, [2, 3]);
      assert.deepEqual(resumed.losses, straight.losses.slice(half));
      for (const [k, v] of Object.entries(hC.history)) assert.deepEqual(v, hA.history[k]!.slice(2), k);
      const w = (r: Run): number[][] => [...r.model.parameters()].map((p) => p.toFlatArray());
      assert.deepEqual(w(resumed), w(straight));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('resumeFrom errors: missing file, not a training checkpoint, with initialEpoch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-resume-'));
  try {
    const r = build(1, false);
    await assert.rejects(r.model.fit(data.x, data.y, { verbose: 0, resumeFrom: join(dir, 'nope.safetensors') }), CheckpointError);
    await assert.rejects(r.model.fit(data.x, data.y, { verbose: 0, resumeFrom: 'x', initialEpoch: 1 }), /pass resumeFrom or initialEpoch, not both/);
    const { saveCheckpoint } = await import('../../src/index.js');
    saveCheckpoint(join(dir, 'plain.safetensors'), { model: r.model, epoch: 1 });
    await assert.rejects(r.model.fit(data.x, data.y, { verbose: 0, resumeFrom: join(dir, 'plain.safetensors') }), /not one written during fit/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
