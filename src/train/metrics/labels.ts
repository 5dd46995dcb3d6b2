/**
 * How classification metrics read predictions and targets (PyTorch layout: the class dim is 1).
 * 'binary': pred (N) or (N, 1) scores against 0/1 targets of the same size, thresholded;
 * 'sparse': pred (N, C, …) against int class ids (N, …); 'categorical': pred (N, C, …) against
 * one-hot or probability targets of the same shape. Logits and probabilities give the same argmax.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkBatch } from './metric.js';

/** 'auto' picks binary, sparse or categorical from the shapes, as Keras's 'accuracy' does. */
export type ClassificationKind = 'auto' | 'binary' | 'categorical' | 'sparse';

/** Options of the classification metrics. */
export interface ClassificationOptions {
  /** How to read the inputs (default 'auto': by shapes). */
  kind?: ClassificationKind;
  /** Binary only: a score above it counts as class 1 (default 0.5). */
  threshold?: number;
  /** Binary only: the scores are logits, so sigmoid is applied before the threshold (default false). */
  fromLogits?: boolean;
}

/** Predicted and true class per sample (and spatial position); samples with a negative target are dropped. */
export interface ClassIds {
  predicted: Int32Array;
  actual: Int32Array;
  /** C for sparse/categorical, 2 for binary. */
  numClasses: number;
  kind: Exclude<ClassificationKind, 'auto'>;
}

const show = (t: Tensor): string => `[${t.shape.join(', ')}]`;

/** The kind `auto` resolves to for these shapes (or the asked one, checked against them). */
export function resolveKind(op: string, pred: Tensor, target: Tensor, kind: ClassificationKind = 'auto'): Exclude<ClassificationKind, 'auto'> {
  checkBatch(op, pred, target);
  const sameShape = pred.ndim === target.ndim && pred.shape.every((s, i) => s === target.shape[i]);
  const isBinaryShape = (pred.ndim <= 1 || (pred.ndim === 2 && pred.shape[1] === 1)) && pred.numel === target.numel;
  const isSparseShape = pred.ndim >= 2 && target.ndim === pred.ndim - 1 && target.shape.every((s, i) => s === pred.shape[i === 0 ? 0 : i + 1]);
  const resolved = kind !== 'auto' ? kind : isBinaryShape ? 'binary' : isSparseShape ? 'sparse' : sameShape && pred.ndim >= 2 ? 'categorical' : undefined;
  const fits = resolved === 'binary' ? isBinaryShape : resolved === 'sparse' ? isSparseShape : resolved === 'categorical' ? sameShape && pred.ndim >= 2 : false;
  if (!fits) {
    throw new ArgumentError(`${op}: can't read pred ${show(pred)} and target ${show(target)} as ${kind === 'auto' ? 'binary, sparse or categorical' : kind} classification`);
  }
  return resolved!;
}

/** Index of the largest of `C` values spaced `stride` apart from `start` (first on ties). */
function argmaxAt(v: ArrayLike<number>, start: number, C: number, stride: number): number {
  let best = 0;
  let bestV = -Infinity;
  for (let c = 0; c < C; c++) {
    const x = v[start + c * stride]!;
    if (x > bestV || (Number.isNaN(x) && !Number.isNaN(bestV))) {
      best = c;
      bestV = x;
    }
  }
  return best;
}

/** Predicted and true classes of a batch. */
export function classIds(op: string, pred: Tensor, target: Tensor, opts: ClassificationOptions = {}): ClassIds {
  const kind = resolveKind(op, pred, target, opts.kind);
  const p = pred.toTypedArray();
  const t = target.toTypedArray();
  const predicted: number[] = [];
  const actual: number[] = [];
  if (kind === 'binary') {
    const threshold = opts.threshold ?? 0.5;
    for (let i = 0; i < p.length; i++) {
      const score = opts.fromLogits ? 1 / (1 + Math.exp(-p[i]!)) : p[i]!;
      predicted.push(score > threshold ? 1 : 0);
      actual.push(t[i]! > 0.5 ? 1 : 0);
    }
    return { predicted: Int32Array.from(predicted), actual: Int32Array.from(actual), numClasses: 2, kind };
  }
  const N = pred.shape[0]!;
  const C = pred.shape[1]!;
  const S = pred.numel / Math.max(1, N * C);
  for (let n = 0; n < N; n++) {
    for (let s = 0; s < S; s++) {
      const y = kind === 'sparse' ? t[n * S + s]! : argmaxAt(t, n * C * S + s, C, S);
      if (y < 0) continue; // e.g. crossEntropy's ignoreIndex
      if (!Number.isInteger(y) || y >= C) throw new ArgumentError(`${op}: target class ${y} is not an integer in [0, ${C})`);
      predicted.push(argmaxAt(p, n * C * S + s, C, S));
      actual.push(y);
    }
  }
  return { predicted: Int32Array.from(predicted), actual: Int32Array.from(actual), numClasses: C, kind };
}
