/**
 * TensorFlow.js peer for bench/peers.ts: the same MLP and LeNet-5 (channels-last, 'same' padding
 * on the first conv = padding 2), synthetic data, timed as in spec.ts. argv[2]: JSON
 * {backend: 'cpu' | 'wasm', round_ms, specs}. Prints one JSON line {backend, results}.
 * The wasm binary is loaded from node_modules (no download). tfjs-wasm has no conv backward,
 * so LeNet training is skipped there with a note; on cpu it takes ~7 s a step, skipped unless
 * BENCH_TFJS_LENET=1.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ADAM_LR, SGD_LR, SGD_MOMENTUM, type bench_result, type bench_spec, type model_name, samples_per_s, spec_key } from './spec.js';

interface tfjs_args { backend: 'cpu' | 'wasm'; round_ms: number; specs: bench_spec[] }

function make_model(name: model_name): tf.Sequential {
  const m = tf.sequential();
  if (name === 'mlp') {
    m.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  } else {
    m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 120, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 84, activation: 'relu' }));
  }
  m.add(tf.layers.dense({ units: 10 }));
  return m;
}

function run_spec(s: bench_spec, roundMs: number, backend: string): bench_result {
  const key = spec_key(s);
  if (backend === 'wasm' && s.kind === 'train' && s.model === 'lenet') {
    return { key, samples_per_s: null, note: "tfjs-wasm: kernel 'Conv2DBackpropFilter' not registered" };
  }
  if (backend === 'cpu' && s.kind === 'train' && s.model === 'lenet' && process.env['BENCH_TFJS_LENET'] !== '1') {
    return { key, samples_per_s: null, note: 'tfjs-cpu LeNet training skipped: ~9 samples/s, 7 s a step (BENCH_TFJS_LENET=1 to time it)' };
  }
  const model = make_model(s.model);
  const x = tf.randomNormal(s.model === 'mlp' ? [s.batch, 784] : [s.batch, 28, 28, 1]);
  if (s.kind === 'infer') {
    return { key, samples_per_s: samples_per_s(() => { tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()); }, s.batch, roundMs / 2, roundMs) };
  }
  const y = tf.oneHot(tf.randomUniform([s.batch], 0, 10, 'int32') as tf.Tensor1D, 10);
  const opt = s.opt === 'sgd' ? tf.train.momentum(SGD_LR, SGD_MOMENTUM) : tf.train.adam(ADAM_LR);
  const step = (): void => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar, true);
    loss?.dataSync();
    loss?.dispose();
  };
  return { key, samples_per_s: samples_per_s(step, s.batch, roundMs / 2, roundMs) };
}

const args = JSON.parse(process.argv[2] ?? '{}') as tfjs_args;
if (args.backend === 'wasm') {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
}
await tf.setBackend(args.backend);
await tf.ready();
const results: bench_result[] = [];
for (const s of args.specs) {
  try {
    results.push(run_spec(s, args.round_ms, args.backend));
  } catch (e) {
    results.push({ key: spec_key(s), samples_per_s: null, note: (e as Error).message.split('\n')[0] });
  }
}
console.log(JSON.stringify({ backend: tf.getBackend(), results }));
