/**
 * Child process for bench/peers.ts: times Myelin training steps and inference on the backend
 * MYELIN_BACKEND selects. argv[2]: JSON {threads?: number, round_ms: number, specs: bench_spec[]}.
 * Prints one JSON line: {backend, threads, results: bench_result[], max_rss_mb}.
 */
import {
  Adam, Conv2d, Flatten, Linear, MaxPool2d, ReLU, SGD, Sequential, crossEntropy, getBackend, getNumThreads, inferenceMode,
  manualSeed, noGrad, randint, randn, setNumThreads, type Tensor,
} from '../src/index.js';
import { ADAM_LR, SGD_LR, SGD_MOMENTUM, type bench_result, type bench_spec, type model_name, samples_per_s, spec_key } from './spec.js';

interface worker_args { threads?: number; round_ms: number; specs: bench_spec[] }

function make_model(name: model_name): Sequential {
  if (name === 'mlp') return new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
  return new Sequential(
    new Conv2d(1, 6, 5, { padding: 2 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2), new Flatten(),
    new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
  );
}

function input_of(name: model_name, batch: number): Tensor {
  return randn(name === 'mlp' ? [batch, 784] : [batch, 1, 28, 28]);
}

function run_spec(s: bench_spec, roundMs: number): number {
  const model = make_model(s.model);
  const x = input_of(s.model, s.batch);
  if (s.kind === 'infer') {
    model.eval();
    // like onnxruntime's session: one inferenceMode scope for the whole run, so weights are packed
    // once (BENCH_PLAIN_INFER=1: a plain noGrad call each time, packing on every call)
    if (process.env['BENCH_PLAIN_INFER'] === '1') return samples_per_s(() => { noGrad(() => model.call(x)).toTypedArray(); }, s.batch, roundMs / 2, roundMs);
    return inferenceMode(() => samples_per_s(() => { model.call(x).toTypedArray(); }, s.batch, roundMs / 2, roundMs));
  }
  const y = randint(0, 10, [s.batch], { dtype: 'int32' });
  const params = [...model.parameters()];
  const opt = s.opt === 'sgd' ? new SGD(params, { lr: SGD_LR, momentum: SGD_MOMENTUM }) : new Adam(params, { lr: ADAM_LR });
  return samples_per_s(() => {
    opt.zeroGrad();
    const loss = crossEntropy(model.call(x), y);
    loss.backward();
    opt.step();
    loss.item(); // force the step to finish, as a training loop reading the loss would
  }, s.batch, roundMs / 2, roundMs);
}

const args = JSON.parse(process.argv[2] ?? '{}') as worker_args;
if (args.threads !== undefined) setNumThreads(args.threads);
manualSeed(0);
const results: bench_result[] = [];
for (const s of args.specs) {
  try {
    results.push({ key: spec_key(s), samples_per_s: run_spec(s, args.round_ms) });
  } catch (e) {
    results.push({ key: spec_key(s), samples_per_s: null, note: (e as Error).message.split('\n')[0] });
  }
}
const maxRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
console.log(JSON.stringify({ backend: getBackend().name, threads: getNumThreads(), results, max_rss_mb: maxRssMb }));
