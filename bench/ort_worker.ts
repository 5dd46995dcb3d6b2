/**
 * onnxruntime-node peer for bench/peers.ts: inference on the ONNX files bench/torch_train.py
 * exported (the same MLP and LeNet-5), 2 intra-op threads unless told otherwise.
 * argv[2]: JSON {onnx: {mlp?: path, lenet?: path}, threads, spin?, round_ms, specs: infer_spec[]};
 * spin: false turns off the intra-op pool's spin-waiting (session.intra_op.allow_spinning=0).
 * Prints one JSON line {results}. ORT's run() is async, so the timing loop here awaits.
 */
import * as ort from 'onnxruntime-node';
import type { bench_result, infer_spec, model_name } from './spec.js';
import { spec_key } from './spec.js';

interface ort_args { onnx: Partial<Record<model_name, string>>; threads: number; spin?: boolean; round_ms: number; specs: infer_spec[] }

async function rate(run: () => Promise<unknown>, batch: number, roundMs: number): Promise<number> {
  const w0 = performance.now();
  let n = 0;
  while (n < 2 || performance.now() - w0 < roundMs / 2) { await run(); n++; }
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (reps < 2 || t - t0 < roundMs) { await run(); reps++; t = performance.now(); }
    best = Math.min(best, (t - t0) / reps);
  }
  return (batch * 1000) / best;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ort_args;
const results: bench_result[] = [];
for (const s of args.specs) {
  const path = args.onnx[s.model];
  if (path === undefined) { results.push({ key: spec_key(s), samples_per_s: null, note: 'no ONNX file' }); continue; }
  try {
    const session = await ort.InferenceSession.create(path, { intraOpNumThreads: args.threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: args.spin === false ? '0' : '1' } } } });
    const shape = s.model === 'mlp' ? [s.batch, 784] : [s.batch, 1, 28, 28];
    const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.random() * 2 - 1);
    const feeds = { x: new ort.Tensor('float32', data, shape) };
    results.push({ key: spec_key(s), samples_per_s: await rate(() => session.run(feeds), s.batch, args.round_ms) });
    await session.release();
  } catch (e) {
    results.push({ key: spec_key(s), samples_per_s: null, note: (e as Error).message.split('\n')[0] });
  }
}
console.log(JSON.stringify({ results }));
