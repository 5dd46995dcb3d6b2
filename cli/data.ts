/**
 * The CLI's data: loads what a TrainConfig names (MNIST, a toy set, a CSV table) as train and test
 * tensors through Myelin's data module, and the preprocessing (standardisation) that is stored
 * with the model so `eval` and `predict` apply the same transform to new inputs.
 */
import { existsSync } from 'node:fs';
import { Generator, cast, MNIST_CLASSES, MNIST_MEAN, MNIST_STD, FASHION_MNIST_CLASSES, FASHION_MNIST_MEAN, FASHION_MNIST_STD, Tensor, gatherRows, loadCsv, loadMnist, tensor } from 'myelin';
import * as toy from 'myelin';
import type { DataConfig } from './presets/index.js';
import { CliError } from './errors.js';

/** The transform from raw inputs to model inputs, saved in model.json's info. */
export interface Preprocess {
  /** x' = (x − mean) / std, one number for every input or one per feature column. */
  mean?: number | number[];
  std?: number | number[];
  /** Regression: the model predicts (y − targetMean) / targetStd. */
  targetMean?: number;
  targetStd?: number;
}

/** Raw splits (before preprocessing) and the preprocessing fitted on the training split. */
export interface LoadedData {
  train: [Tensor, Tensor];
  test: [Tensor, Tensor];
  /** One sample's shape, without the batch dim (for summary). */
  inputShape: number[];
  classes: readonly string[] | undefined;
  preprocess: Preprocess;
  /** Feature names of a CSV table (predict reads CSV columns by name when there is a header). */
  columns?: string[];
}

/** Applies `pre` to raw inputs x (N, …). */
export function preprocessInputs(x: Tensor, pre: Preprocess): Tensor {
  if (pre.mean === undefined || pre.std === undefined) return x;
  const mean = typeof pre.mean === 'number' ? pre.mean : tensor(pre.mean);
  const std = typeof pre.std === 'number' ? pre.std : tensor(pre.std);
  return x.sub(mean).div(std);
}

/** Model outputs back in the target's units (regression); unchanged otherwise. */
export function postprocessOutputs(y: Tensor, pre: Preprocess): Tensor {
  return pre.targetMean === undefined || pre.targetStd === undefined ? y : y.mul(pre.targetStd).add(pre.targetMean);
}

/** A raw (x, y) split as the model sees it: inputs standardised; a regression target scaled, as (N, 1). */
export function prepare([x, y]: readonly [Tensor, Tensor], pre: Preprocess): [Tensor, Tensor] {
  const isRegression = pre.targetMean !== undefined && pre.targetStd !== undefined;
  const target = isRegression ? y.sub(pre.targetMean!).div(pre.targetStd!).reshape([y.shape[0]!, 1]) : y;
  return [preprocessInputs(x, pre), target];
}

function loadMnistSplits(d: Extract<DataConfig, { kind: 'mnist' }>, limit: number | undefined): LoadedData {
  const mean = d.fashion ? FASHION_MNIST_MEAN : MNIST_MEAN;
  const std = d.fashion ? FASHION_MNIST_STD : MNIST_STD;
  const base = { ...(d.dir ? { dir: d.dir } : {}), fashion: d.fashion ?? false, ...(limit !== undefined ? { limit } : {}) };
  const train = loadMnist({ ...base, split: 'train' });
  const test = loadMnist({ ...base, split: 'test' });
  const pre: Preprocess = d.normalize === false ? {} : { mean, std };
  return {
    train: [train.images, train.labels],
    test: [test.images, test.labels],
    inputShape: train.images.shape.slice(1),
    classes: d.fashion ? FASHION_MNIST_CLASSES : MNIST_CLASSES,
    preprocess: pre,
  };
}

/** A seeded shuffle of 0…n−1. */
function shuffled(n: number, seed: number): number[] {
  const g = new Generator(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextInt(0, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Column means and standard deviations of x (N, F). */
function columnStats(x: Tensor): { mean: number[]; std: number[] } {
  const [n, f] = x.shape as [number, number];
  const v = x.toTypedArray();
  const mean = new Array<number>(f).fill(0);
  const sq = new Array<number>(f).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j]! += v[i * f + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) sq[j]! += (v[i * f + j]! - mean[j]!) ** 2 / n;
  return { mean, std: sq.map((s) => Math.sqrt(s) || 1) };
}

function loadCsvSplits(d: Extract<DataConfig, { kind: 'csv' }>, seed: number, limit: number | undefined): LoadedData {
  for (const p of [d.path, d.targetPath]) if (p !== undefined && !existsSync(p)) throw new CliError(`no such data file: '${p}'`);
  const opts = { ...(d.delimiter !== undefined ? { delimiter: d.delimiter } : {}), ...(d.skipRows !== undefined ? { skipRows: d.skipRows } : {}) };
  const labelType = d.task === 'regression' ? 'regression' : 'class';
  let x: Tensor;
  let y: Tensor;
  let classes: string[] | undefined;
  let columns: string[];
  if (d.targetPath !== undefined) {
    const feats = loadCsv(d.path, { ...opts, header: false, labelColumn: null });
    const target = loadCsv(d.targetPath, { ...opts, header: false, labelColumn: null });
    x = feats.x;
    columns = feats.columns;
    y = target.x.reshape([target.x.shape[0]!]);
    if (labelType === 'class') y = cast(y, 'int32');
  } else {
    const t = loadCsv(d.path, { ...opts, labelType, ...(d.labelColumn !== undefined ? { labelColumn: d.labelColumn } : {}) });
    ({ x, y, classes, columns } = t);
  }
  const n = Math.min(x.shape[0]!, limit ?? Infinity);
  const order = shuffled(x.shape[0]!, seed).slice(0, n);
  const nTest = Math.max(1, Math.round(n * (d.testFraction ?? 0.2)));
  const trainIdx = order.slice(0, n - nTest);
  const testIdx = order.slice(n - nTest);
  const [xTrain, yTrain, xTest, yTest] = [gatherRows(x, trainIdx), gatherRows(y, trainIdx), gatherRows(x, testIdx), gatherRows(y, testIdx)];
  const stats = columnStats(xTrain);
  const pre: Preprocess = { mean: stats.mean, std: stats.std };
  if (d.task === 'regression') {
    const t = columnStats(yTrain.reshape([yTrain.shape[0]!, 1]));
    pre.targetMean = t.mean[0]!;
    pre.targetStd = t.std[0]!;
  }
  return {
    train: [xTrain, yTrain],
    test: [xTest, yTest],
    inputShape: [x.shape[1]!],
    classes,
    preprocess: pre,
    columns,
  };
}

const XOR4_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR4_Y = [[0], [1], [1], [0]];

/** Loads the train and test tensors `d` describes (`limit`: at most that many rows of each). */
export function loadData(d: DataConfig, seed: number, limit?: number): LoadedData {
  switch (d.kind) {
    case 'mnist':
      return loadMnistSplits(d, limit);
    case 'csv':
      return loadCsvSplits(d, seed, limit);
    case 'xor4': {
      const xy: [Tensor, Tensor] = [tensor(XOR4_X), tensor(XOR4_Y)];
      return { train: xy, test: xy, inputShape: [2], classes: ['0', '1'], preprocess: {} };
    }
    case 'synthetic': {
      const make = toy[d.set] as (n: number, o: { seed: number; noise?: number }) => { x: Tensor; y: Tensor };
      const noise = d.noise !== undefined ? { noise: d.noise } : {};
      const train = make(limit === undefined ? d.n : Math.min(d.n, limit), { seed, ...noise });
      const test = make(limit === undefined ? d.testN : Math.min(d.testN, limit), { seed: seed + 1, ...noise });
      const k = Math.max(...train.y.toFlatArray()) + 1;
      return { train: [train.x, train.y], test: [test.x, test.y], inputShape: [2], classes: Array.from({ length: k }, (_, i) => String(i)), preprocess: {} };
    }
  }
}

/** MAE, RMSE and R² of a regression model's outputs (N, 1), in the target's own units. */
export function regressionScores(outputs: Tensor, yRaw: Tensor, pre: Preprocess): { mae: number; rmse: number; r2: number } {
  const p = postprocessOutputs(outputs, pre).toFlatArray();
  const t = yRaw.toFlatArray();
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  let abs = 0;
  let sq = 0;
  let tot = 0;
  t.forEach((v, i) => {
    abs += Math.abs(p[i]! - v);
    sq += (p[i]! - v) ** 2;
    tot += (v - mean) ** 2;
  });
  return { mae: abs / t.length, rmse: Math.sqrt(sq / t.length), r2: tot > 0 ? 1 - sq / tot : NaN };
}

/** 'MAE 2.31, RMSE 3.40, R² 0.871 (in target units)'. */
export function formatRegression(s: { mae: number; rmse: number; r2: number }): string {
  return `MAE ${s.mae.toPrecision(4)}, RMSE ${s.rmse.toPrecision(4)}, R² ${s.r2.toFixed(3)} (in target units)`;
}
