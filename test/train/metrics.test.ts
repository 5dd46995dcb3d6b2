/**
 * Metrics against hand-computed values: each one on a single batch, the same data split over
 * several batches (the epoch value must equal the whole-data value, not a mean of batch values),
 * Accuracy's shape-based choice of binary/sparse/categorical, and the errors for unreadable shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Accuracy, TopKAccuracy, ConfusionMatrix, Precision, Recall, F1Score, MeanAbsoluteError, MeanSquaredError, R2Score, Mean,
  Metric, getMetric, tensor, ArgumentError, type Tensor,
} from '../../src/index.js';

const ints = (v: number[]): Tensor => tensor(v, { dtype: 'int32' });
const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

/** Feeds (pred, target) in batches of `size` rows and returns the result. */
function inBatches(m: Metric, pred: Tensor, target: Tensor, size: number): number {
  m.reset();
  const n = pred.shape[0]!;
  for (let i = 0; i < n; i += size) {
    const k = Math.min(size, n - i);
    m.update(pred.narrow(0, i, k), target.narrow(0, i, k));
  }
  return m.result();
}

// 6 samples, 3 classes: argmax of pred = [0, 1, 2, 2, 1, 0]
const logits = tensor([[3, 1, 0], [0, 2, 1], [0, 1, 5], [1, 0, 2], [0, 4, 1], [2, 1, 1]]);
const labels = ints([0, 1, 1, 2, 0, 0]);

test('accuracy: sparse, categorical and binary, by shapes', () => {
  const acc = new Accuracy();
  acc.update(logits, labels);
  close(acc.result(), 4 / 6);
  const oneHot = tensor([[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [1, 0, 0]]);
  acc.reset();
  acc.update(logits, oneHot);
  close(acc.result(), 4 / 6);
  // binary: (N, 1) probabilities against (N) 0/1 targets, threshold 0.5 (strictly above)
  acc.reset();
  acc.update(tensor([[0.9], [0.5], [0.2], [0.7]]), tensor([1, 1, 0, 0]));
  close(acc.result(), 2 / 4);
  const lenient = new Accuracy({ threshold: 0.4 });
  lenient.update(tensor([0.9, 0.5, 0.2, 0.7]), tensor([1, 1, 0, 0]));
  close(lenient.result(), 3 / 4);
  // logits: sigmoid(0) = 0.5 is not above the threshold
  const fromLogits = new Accuracy({ fromLogits: true });
  fromLogits.update(tensor([2, 0, -1, 3]), tensor([1, 1, 0, 0]));
  close(fromLogits.result(), 2 / 4);
});

test('accuracy over batches equals accuracy over the whole data', () => {
  for (const size of [1, 4, 5, 6]) close(inBatches(new Accuracy(), logits, labels, size), 4 / 6);
});

test('accuracy: segmentation-shaped inputs use dim 1 as the class dim; negative targets are skipped', () => {
  const pred = tensor([[[1, 0], [0, 1]]]); // (1, C=2, 2): argmax over C -> [0, 1]
  const acc = new Accuracy();
  acc.update(pred, ints([0, 0]).reshape([1, 2]));
  close(acc.result(), 0.5);
  acc.reset();
  acc.update(logits, ints([1, 1, -100, 2, -100, 0])); // kept: pred [0, 1, 2, 0] vs [1, 1, 2, 0]
  close(acc.result(), 3 / 4);
});

test('accuracy: unreadable shapes and forced kinds are ArgumentErrors naming both shapes', () => {
  assert.throws(() => new Accuracy().update(logits, ints([0, 1])), /Accuracy: pred has 6 samples, target 2/);
  assert.throws(() => new Accuracy().update(logits, tensor([[1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]])), (e: Error) => e instanceof ArgumentError && /pred \[6, 3\] and target \[6, 2\]/.test(e.message));
  assert.throws(() => new Accuracy({ kind: 'binary' }).update(logits, labels), /as binary classification/);
  assert.throws(() => new Accuracy().update(logits, ints([0, 1, 3, 0, 0, 0])), /target class 3 is not an integer in \[0, 3\)/);
});

test('top-k accuracy', () => {
  // true-class rank: s0 c0 top1; s1 c1 top1; s2 c1 2nd; s3 c2 top1; s4 c0 3rd; s5 c0 top1
  close(inBatches(new TopKAccuracy({ k: 1 }), logits, labels, 4), 4 / 6);
  close(inBatches(new TopKAccuracy({ k: 2 }), logits, labels, 4), 5 / 6);
  close(inBatches(new TopKAccuracy({ k: 3 }), logits, labels, 4), 1);
  assert.equal(new TopKAccuracy().name, 'top5_accuracy');
  assert.throws(() => new TopKAccuracy({ k: 0 }), ArgumentError);
});

test('confusion matrix, precision, recall and F1 (macro and micro) against hand counts', () => {
  // pred classes [0,1,2,2,1,0] vs true [0,1,1,2,0,0]
  const cm = new ConfusionMatrix();
  cm.update(logits.narrow(0, 0, 3), labels.narrow(0, 0, 3));
  cm.update(logits.narrow(0, 3, 3), labels.narrow(0, 3, 3));
  assert.deepEqual(cm.result(), [[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
  // per class: precision [2/2, 1/2, 1/2], recall [2/3, 1/2, 1/1]
  const p = [1, 0.5, 0.5];
  const r = [2 / 3, 0.5, 1];
  const f1 = p.map((pi, i) => (2 * pi * r[i]!) / (pi + r[i]!));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  close(inBatches(new Precision(), logits, labels, 4), mean(p));
  close(inBatches(new Recall(), logits, labels, 4), mean(r));
  close(inBatches(new F1Score(), logits, labels, 4), mean(f1));
  for (const M of [Precision, Recall, F1Score]) close(inBatches(new M({ average: 'micro' }), logits, labels, 2), 4 / 6);
  // a fixed numClasses averages over absent classes too (scores 0)
  close(inBatches(new Precision({ numClasses: 4 }), logits, labels, 6), (1 + 0.5 + 0.5 + 0) / 4);
  assert.throws(() => new ConfusionMatrix({ numClasses: 2 }).update(logits, labels), /numClasses is 2/);
});

test('binary precision/recall/F1 score class 1', () => {
  const pred = tensor([0.9, 0.8, 0.3, 0.6, 0.1, 0.7]);
  const target = tensor([1, 0, 1, 1, 0, 0]); // predicted [1,1,0,1,0,1]: TP 2, FP 2, FN 1
  close(inBatches(new Precision(), pred, target, 4), 2 / 4);
  close(inBatches(new Recall(), pred, target, 4), 2 / 3);
  close(inBatches(new F1Score(), pred, target, 4), (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  // zero division gives 0, as scikit-learn's zero_division=0
  const none = new Precision();
  none.update(tensor([0.1, 0.2]), tensor([1, 0]));
  assert.equal(none.result(), 0);
  assert.ok(Number.isNaN(new Precision().result()));
  const forced = new Precision({ average: 'binary' });
  forced.update(logits, labels);
  assert.throws(() => forced.result(), /average 'binary' needs 2 classes, saw 3/);
});

test('regression metrics: MAE, MSE and R² over batches equal the whole-data values', () => {
  const target = tensor([3, -0.5, 2, 7, 4.2]);
  const pred = tensor([[2.5], [0], [2], [8], [4]]);
  const t = [3, -0.5, 2, 7, 4.2];
  const p = [2.5, 0, 2, 8, 4];
  const mae = t.reduce((s, v, i) => s + Math.abs(v - p[i]!), 0) / 5;
  const mse = t.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0) / 5;
  const mean = t.reduce((a, b) => a + b, 0) / 5;
  const r2 = 1 - t.reduce((s, v, i) => s + (v - p[i]!) ** 2, 0) / t.reduce((s, v) => s + (v - mean) ** 2, 0);
  for (const size of [1, 2, 5]) {
    close(inBatches(new MeanAbsoluteError(), pred, target, size), mae, 1e-6);
    close(inBatches(new MeanSquaredError(), pred, target, size), mse, 1e-6);
    close(inBatches(new R2Score(), pred, target, size), r2, 1e-6);
  }
  // two outputs: the uniform average of each column's R²
  const r2m = new R2Score();
  r2m.update(tensor([[1, 10], [2, 20], [3, 29]]), tensor([[1, 10], [2, 21], [4, 30]]));
  const col0 = 1 - 1 / (21 - 49 / 3); // sse 1, ss_tot = Σy² − (Σy)²/n = 21 − 49/3
  const col1 = 1 - 2 / (1441 - 3721 / 3); // sse 2, Σy² = 100+441+900 = 1441, Σy = 61
  close(r2m.result(), (col0 + col1) / 2, 1e-9);
  assert.throws(() => new MeanSquaredError().update(tensor([1, 2]), tensor([1, 2, 3])), /pred has 2 samples, target 3/);
});

test('Mean and getMetric', () => {
  const m = new Mean('loss');
  m.add(0.5, 2);
  m.add(2, 2);
  close(m.result(), 1.25);
  assert.equal(getMetric('accuracy').name, 'accuracy');
  assert.equal(getMetric('sparseCategoricalAccuracy').name, 'sparse_categorical_accuracy');
  const own = new Accuracy({ name: 'acc_custom' });
  assert.equal(getMetric(own), own);
  assert.throws(() => getMetric('acuracy' as 'accuracy'), (e: Error) => e instanceof ArgumentError && /unknown metric "acuracy"/.test(e.message));
});
