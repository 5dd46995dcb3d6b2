/**
 * What the training/inference benchmarks measure, shared by the Myelin and tfjs workers and the
 * table in bench/peers.ts. Data is synthetic: random N(0,1) inputs of MNIST shape [N, 1, 28, 28]
 * (flattened to 784 for the MLP) and random int labels in [0, 10), made once before timing.
 * LeNet-5 takes 28x28 input with padding 2 on its first conv (the classic 32x32 receptive field).
 */
export type model_name = 'mlp' | 'lenet';
export type opt_name = 'sgd' | 'adam';

export interface train_spec { kind: 'train'; model: model_name; batch: number; opt: opt_name }
export interface infer_spec { kind: 'infer'; model: model_name; batch: number }
export type bench_spec = train_spec | infer_spec;

export interface bench_result { key: string; samples_per_s: number | null; note?: string }

export const TRAIN_SPECS: train_spec[] = [
  { kind: 'train', model: 'mlp', batch: 64, opt: 'sgd' },
  { kind: 'train', model: 'mlp', batch: 64, opt: 'adam' },
  { kind: 'train', model: 'mlp', batch: 256, opt: 'sgd' },
  { kind: 'train', model: 'mlp', batch: 256, opt: 'adam' },
  { kind: 'train', model: 'lenet', batch: 64, opt: 'sgd' },
  { kind: 'train', model: 'lenet', batch: 64, opt: 'adam' },
];
export const INFER_SPECS: infer_spec[] = [
  { kind: 'infer', model: 'mlp', batch: 1 },
  { kind: 'infer', model: 'mlp', batch: 256 },
  { kind: 'infer', model: 'lenet', batch: 1 },
  { kind: 'infer', model: 'lenet', batch: 256 },
];

/** Stable row key, the same string the Python peer prints: "train mlp b64 sgd", "infer lenet b1". */
export function spec_key(s: bench_spec): string {
  return s.kind === 'train' ? `train ${s.model} b${s.batch} ${s.opt}` : `infer ${s.model} b${s.batch}`;
}

/** Optimiser settings, identical in every framework. */
export const SGD_LR = 0.01;
export const SGD_MOMENTUM = 0.9;
export const ADAM_LR = 1e-3;

/**
 * Samples per second of `step`: warm-up for warmMs (at least 2 calls), then the best of 3 rounds
 * of at least roundMs (at least 2 calls each). `step` runs one batch.
 */
export function samples_per_s(step: () => void, batch: number, warmMs: number, roundMs: number): number {
  const w0 = performance.now();
  let n = 0;
  while (n < 2 || performance.now() - w0 < warmMs) { step(); n++; }
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (reps < 2 || t - t0 < roundMs) { step(); reps++; t = performance.now(); }
    best = Math.min(best, (t - t0) / reps);
  }
  return (batch * 1000) / best;
}
