/**
 * Run directories for the report tests, made quickly with the built CLI (cli/bin/myelin.js, so
 * `npm run build` first): a 2-epoch mnist-mlp on 500 images, a 1-epoch tiny CNN on 300, a small
 * CSV regression run, and a
 * hand-built diagnostics.json (a valid DiagnosticsReport) for the mnist run, since the code that
 * records diagnostics is separate from the report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticsReport, LayerInfo, StepRecord } from '../../src/diagnostics/types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'cli/bin/myelin.js');

/** Runs the built CLI in `cwd` on the js backend; asserts it succeeded and returns stdout. */
export function myelin(cwd: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MYELIN_BACKEND: 'js' } });
  assert.equal(r.status, 0, `myelin ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** The layers diagnostics would watch in mnist-mlp (Flatten, Linear, ReLU, Linear, ReLU, Linear). */
const MLP_LAYERS: LayerInfo[] = [
  { name: '1', index: 1, type: 'Linear', activation: 'other', hasParameters: true },
  { name: '2', index: 2, type: 'ReLU', activation: 'relu', hasParameters: false },
  { name: '3', index: 3, type: 'Linear', activation: 'other', hasParameters: true },
  { name: '4', index: 4, type: 'ReLU', activation: 'relu', hasParameters: false },
  { name: '5', index: 5, type: 'Linear', activation: 'other', hasParameters: true },
];

/**
 * A DiagnosticsReport for `steps` optimizer steps: smooth made-up numbers, one finding whose
 * message holds markup (the page must show it as text), and one non-finite gradient (null).
 */
export function diagnosticsFixture(steps: number): DiagnosticsReport {
  const records: StepRecord[] = Array.from({ length: steps }, (_, s) => ({
    step: s,
    epoch: Math.floor(s / 8),
    loss: 2.3 * Math.exp(-s / 6),
    layers: MLP_LAYERS.map((l, i) => ({
      actMean: 0.1 * i,
      actStd: 1,
      deadFraction: l.activation === 'relu' ? Math.min(0.6, 0.02 * s * (i === 3 ? 2 : 1)) : null,
      saturatedFraction: null,
      gradNorm: l.hasParameters ? (s === 5 && i === 0 ? null : 0.5 * (i + 1) * Math.exp(-s / 10)) : null,
      weightNorm: l.hasParameters ? 10 + s / 10 : null,
      updateRatio: l.hasParameters ? 1e-3 : null,
    })),
  }));
  return {
    version: 1,
    every: 1,
    window: 500,
    layers: MLP_LAYERS,
    steps: records,
    findings: [
      {
        code: 'DEAD_UNITS',
        severity: 'warning',
        step: 12,
        layer: '4',
        layerIndex: 4,
        message: "layer 4 '4' (ReLU): 48% of units have output 0 for every sample of the last 500 </script><b>dead</b>",
        advice: 'try a lower learning rate, He initialisation or LeakyReLU',
        values: { deadFraction: 0.48, window: 500 },
      },
      {
        code: 'LR_TOO_HIGH',
        severity: 'error',
        step: 3,
        message: 'update-to-weight ratio 0.05, far above ~1e-3',
        advice: 'try a learning rate 10x lower',
        values: { updateRatio: 0.05 },
      },
    ],
  };
}

/** Trains mnist-mlp for 2 epochs on 500 images into `dir/mlp` and adds a diagnostics.json. */
export function makeMnistRun(dir: string): string {
  myelin(dir, 'train', 'mnist-mlp', '--epochs', '2', '--limit', '500', '--no-progress', '--out', 'mlp');
  const run = join(dir, 'mlp');
  writeFileSync(join(run, 'diagnostics.json'), JSON.stringify(diagnosticsFixture(16), null, 1));
  return run;
}

/** A one-conv CNN (Conv2d(1, 4, 5), ReLU, MaxPool2d(4), Flatten, Linear(144, 10)) on top of mnist-cnn's settings. */
export const TINY_CNN = {
  extends: 'mnist-cnn',
  name: 'tiny-cnn',
  description: 'a one-conv CNN for the report tests',
  architecture: {
    type: 'Sequential',
    layers: [{ type: 'Conv2d', args: [1, 4, 5] }, { type: 'ReLU' }, { type: 'MaxPool2d', args: [4] }, { type: 'Flatten' }, { type: 'Linear', args: [144, 10] }],
  },
  schedule: 'constant',
};

/** Trains TINY_CNN for 1 epoch on 300 images into `dir/cnn` (with the diagnostics train records). */
export function makeCnnRun(dir: string): string {
  writeFileSync(join(dir, 'tiny_cnn.json'), JSON.stringify(TINY_CNN));
  myelin(dir, 'train', 'tiny_cnn.json', '--epochs', '1', '--limit', '300', '--no-progress', '--out', 'cnn');
  return join(dir, 'cnn');
}

/** Trains a 2-feature linear regression from a generated CSV into `dir/reg`, without diagnostics.json. */
export function makeRegressionRun(dir: string): string {
  const rows = Array.from({ length: 200 }, (_, i) => {
    const [a, b] = [Math.sin(i), Math.cos(3 * i)];
    return `${a.toFixed(4)},${b.toFixed(4)},${(10 + 4 * a - 2 * b + 0.1 * Math.sin(7 * i)).toFixed(4)}`;
  });
  writeFileSync(join(dir, 'reg.csv'), ['a,b,y', ...rows].join('\n') + '\n');
  const config = {
    name: 'reg', description: 'y = 10 + 4a - 2b', architecture: { type: 'Linear', args: [2, 1] },
    data: { kind: 'csv', path: join(dir, 'reg.csv'), labelColumn: 'y', task: 'regression' },
    loss: 'mse', metrics: ['mae'], optimizer: 'adam', lr: 0.05, epochs: 5, batchSize: 16, seed: 0,
  };
  writeFileSync(join(dir, 'reg.json'), JSON.stringify(config));
  myelin(dir, 'train', 'reg.json', '--no-progress', '--out', 'reg');
  rmSync(join(dir, 'reg', 'diagnostics.json'), { force: true });
  return join(dir, 'reg');
}
