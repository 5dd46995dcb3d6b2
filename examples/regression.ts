/**
 * Regression on a real table: scikit-learn's diabetes data (442 patients, 10 measurements, the
 * target is disease progression one year later). Standardise the features and the target with
 * the training rows' statistics, then fit a linear model and a small MLP on mean squared error
 * and compare them on held-out patients (MAE and R² in the target's units). Expect R² ≈ 0.4 for
 * both: on 354 rows the extra capacity of the MLP does not pay.
 *
 * Data: ../shared/data/sklearn/data/diabetes_{data_raw,target}.csv.gz (Debian's python3-sklearn
 * copy; see its SOURCES.md). Without it the example says so and exits without error.
 * Run: node --import tsx examples/regression.ts           (a few seconds)
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Generator, Linear, ReLU, Sequential, TensorDataset, gatherRows, loadCsv, manualSeed, randomSplit } from '../src/index.js';
import type { Module, Tensor } from '../src/index.js';

const DIR = fileURLToPath(new URL('../../shared/data/sklearn/data/', import.meta.url));
const FEATURES = `${DIR}diabetes_data_raw.csv.gz`;
const TARGET = `${DIR}diabetes_target.csv.gz`;
if (!existsSync(FEATURES) || !existsSync(TARGET)) {
  console.log(`skipped: the diabetes data is not at ${DIR} (it comes with the shared data folder; see examples/regression.ts)`);
  process.exit(0);
}

// features: space-separated, no header; the target is a one-column file of its own
const x = loadCsv(FEATURES, { delimiter: ' ', header: false, labelColumn: null }).x; //   [442, 10]
const yAll = loadCsv(TARGET, { header: false, labelColumn: null }).x; //                    [442, 1]

// a seeded 80/20 split of the patients
const nTest = Math.round(0.2 * x.shape[0]!);
const [trainSet, testSet] = randomSplit(new TensorDataset(x, yAll), [x.shape[0]! - nTest, nTest], new Generator(0));
const rows = (t: Tensor, s: { indices: Int32Array } | undefined): Tensor => gatherRows(t, s!.indices);
const [xTrain, xTest, yTrain, yTest] = [rows(x, trainSet), rows(x, testSet), rows(yAll, trainSet), rows(yAll, testSet)];

// standardise with the training rows only (the test rows stay unseen)
const mu = xTrain.mean(0), sigma = xTrain.std(0);
const yMu = yTrain.mean().item(), ySigma = yTrain.std().item();
const scaleX = (t: Tensor): Tensor => t.sub(mu).div(sigma);
const scaleY = (t: Tensor): Tensor => t.sub(yMu).div(ySigma);

function report(name: string, model: Module): void {
  const pred = model.predict(scaleX(xTest)).mul(ySigma).add(yMu); // back in the target's units
  const err = pred.sub(yTest);
  const mae = err.abs().mean().item();
  const r2 = 1 - err.square().sum().item() / yTest.sub(yTest.mean()).square().sum().item();
  console.log(`${name.padEnd(22)} test MAE ${mae.toFixed(1)}   R² ${r2.toFixed(3)}`);
}

async function train(name: string, model: Module, epochs: number): Promise<void> {
  manualSeed(0);
  model.compile({ optimizer: 'adam', lr: 0.01, loss: 'mse', metrics: ['mae'] });
  await model.fit(scaleX(xTrain), scaleY(yTrain), { epochs, batchSize: 32, seed: 0, verbose: 0 });
  report(name, model);
}

console.log(`diabetes: ${xTrain.shape[0]} training and ${xTest.shape[0]} test patients, ${x.shape[1]} features; target mean ${yMu.toFixed(0)}, sd ${ySigma.toFixed(0)}`);
manualSeed(0);
await train('linear (10 -> 1)', new Linear(10, 1), 200);
manualSeed(0);
await train('MLP (10 -> 16 -> 1)', new Sequential(new Linear(10, 16), new ReLU(), new Linear(16, 1)), 20);
console.log('Predicting the training mean for everyone gives R² ≈ 0. With 354 rows the MLP does not beat the');
console.log('linear model (ordinary least squares reaches R² ≈ 0.4–0.5 on this data): capacity needs data.');
