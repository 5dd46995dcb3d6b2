/**
 * The report's test-set section: loads the run's saved model and its test split (as `eval` does),
 * predicts in batches, and builds the confusion matrix and the sample grid (worst mistakes first,
 * each with a saliency map from src/explain), or for regression a predicted-vs-true scatter.
 * Bounded work: at most `maxExamples` test examples, saliency only for the grid's samples.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Tensor, gatherRows, noGrad, saliency, softmax, type Module } from 'myelin';
import { loadData, postprocessOutputs, preprocessInputs, regressionScores } from '../data.js';
import { firstLine } from '../errors.js';
import { openModel, type ModelInfo } from '../model_run.js';
import { thin } from './diagnostics.js';
import type { ClassificationView, EvaluationView, RegressionView, SampleView } from './types.js';

export interface EvaluationOptions {
  /** Test examples used for the confusion matrix or the scatter (default 10,000). */
  maxExamples?: number;
  /** Samples in the image grid (default 32). */
  gridSize?: number;
  /** Examples per forward pass (default 500). */
  batchSize?: number;
}

/** Bytes 0–255 of x's values scaled from [min, max] of `values` (all zero when constant). */
function toBytes(values: ArrayLike<number>, from: number, count: number): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < from + count; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[from + i]!;
    out[i] = Number.isFinite(v) ? Math.round((v - lo) * scale) : 0;
  }
  return Buffer.from(out).toString('base64');
}

/** (C, H, W) of an image input shape ([C, H, W] with C 1 or 3, or [H, W]); null for anything else. */
export function imageShape(inputShape: readonly number[]): [number, number, number] | null {
  if (inputShape.length === 2) return [1, inputShape[0]!, inputShape[1]!];
  if (inputShape.length === 3 && (inputShape[0] === 1 || inputShape[0] === 3)) return [inputShape[0], inputShape[1]!, inputShape[2]!];
  return null;
}

/** Wrong predictions by falling confidence, then correct ones by rising confidence. */
export function worstFirst(pred: readonly number[], conf: readonly number[], labels: readonly number[], count: number): number[] {
  const idx = pred.map((_, i) => i);
  const wrong = idx.filter((i) => pred[i] !== labels[i]).sort((a, b) => conf[b]! - conf[a]!);
  const right = idx.filter((i) => pred[i] === labels[i]).sort((a, b) => conf[a]! - conf[b]!);
  return [...wrong, ...right].slice(0, count);
}

function classify(model: Module, info: ModelInfo, xRaw: Tensor, y: Tensor, o: Required<EvaluationOptions>): ClassificationView {
  const x = preprocessInputs(xRaw, info.preprocess);
  const logits = noGrad(() => model.predict(x, { batchSize: o.batchSize }));
  const [n, k] = logits.shape as [number, number];
  const probs = softmax(logits, 1).toTypedArray();
  const labels = y.toFlatArray();
  const pred: number[] = [];
  const conf: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
    pred.push(best);
    conf.push(probs[i * k + best]!);
  }
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  labels.forEach((t, i) => {
    if (t >= 0 && t < k) confusion[t]![pred[i]!]!++;
    if (t === pred[i]) correct++;
  });
  const classes = Array.from({ length: k }, (_, c) => info.classes?.[c] ?? String(c));
  const shape = imageShape(info.inputShape);
  const samples: SampleView[] = [];
  if (shape && o.gridSize > 0) {
    const chosen = worstFirst(pred, conf, labels, o.gridSize);
    const raw = gatherRows(xRaw, chosen);
    // Saliency (Simonyan et al. 2013): |∂ logit_pred / ∂ x|, max over channels below; one backward per batch.
    const sal = saliency(model, preprocessInputs(raw, info.preprocess), { target: chosen.map((i) => pred[i]!) }).abs().toTypedArray();
    const rawValues = raw.toTypedArray();
    const [C, H, W] = shape;
    chosen.forEach((i, s) => {
      const perPixel = new Float32Array(H * W);
      for (let c = 0; c < C; c++) for (let p = 0; p < H * W; p++) perPixel[p] = Math.max(perPixel[p]!, sal[(s * C + c) * H * W + p]!);
      samples.push({
        index: i,
        label: classes[labels[i]!] ?? String(labels[i]),
        prediction: classes[pred[i]!]!,
        isCorrect: pred[i] === labels[i],
        confidence: conf[i]!,
        pixels: toBytes(rawValues, s * C * H * W, C * H * W),
        saliency: toBytes(perPixel, 0, H * W),
      });
    });
  }
  return { kind: 'classification', n, classes, confusion, accuracy: n ? correct / n : 0, imageShape: shape, samples };
}

function regress(model: Module, info: ModelInfo, xRaw: Tensor, y: Tensor, o: Required<EvaluationOptions>): RegressionView {
  const out = noGrad(() => model.predict(preprocessInputs(xRaw, info.preprocess), { batchSize: o.batchSize }));
  const predicted = postprocessOutputs(out, info.preprocess).toFlatArray();
  const truth = y.toFlatArray();
  const points = thin(truth.map((t, i) => [t, predicted[i]!] as const), 2000);
  return { kind: 'regression', n: truth.length, points, ...regressionScores(out, y, info.preprocess) };
}

/** The test-set section for `runDir`, or why there is none (the report is written either way). */
export function evaluateRun(runDir: string, options: EvaluationOptions = {}): EvaluationView {
  const o: Required<EvaluationOptions> = { maxExamples: 10_000, gridSize: 32, batchSize: 500, ...options };
  if (!existsSync(join(runDir, 'model.json')) || !existsSync(join(runDir, 'model.safetensors'))) {
    return { kind: 'unavailable', reason: 'the run directory holds no saved model (model.json, model.safetensors)' };
  }
  try {
    const { model, info } = openModel(runDir);
    if (!info.data) return { kind: 'unavailable', reason: 'model.json does not say which data the model was trained on' };
    const d = loadData(info.data, info.seed, info.data.kind === 'mnist' ? o.maxExamples : undefined);
    const n = Math.min(d.test[0].shape[0]!, o.maxExamples);
    const [x, y] = [d.test[0].narrow(0, 0, n), d.test[1].narrow(0, 0, n)];
    model.eval();
    return info.task === 'regression' ? regress(model, info, x, y, o) : classify(model, info, x, y, o);
  } catch (e) {
    return { kind: 'unavailable', reason: `could not evaluate the saved model: ${firstLine(e)}` };
  }
}
