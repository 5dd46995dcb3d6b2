/**
 * Microbench of the inference-path ops of the peers' LeNet-5 and MLP at batch 256 (1 thread):
 * best-of-rounds ms per call of each op alone and of the whole forward. For same-machine A/B runs
 * of native changes (run alternately with MYELIN_ISA / MYELIN_NATIVE_ADDON). Run:
 * node --import tsx bench/infer_ops.ts
 */
import { Conv2d, Linear, MaxPool2d, ReLU, Flatten, Sequential, manualSeed, maxPool2d, noGrad, randn, relu, setNumThreads, type Tensor } from '../src/index.js';

setNumThreads(Number(process.env['BENCH_THREADS'] ?? 1));
manualSeed(0);

function best(f: () => Tensor, ms = 400): number {
  let b = Infinity;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const conv1 = new Conv2d(1, 6, 5, { padding: 2 });
const conv2 = new Conv2d(6, 16, 5);
const lenet = new Sequential(
  conv1, new ReLU(), new MaxPool2d(2), conv2, new ReLU(), new MaxPool2d(2), new Flatten(),
  new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
);
const mlp = new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
lenet.eval();
mlp.eval();
const x1 = randn([256, 6, 28, 28]);
const x2 = randn([256, 16, 10, 10]);
const xc2 = randn([256, 6, 14, 14]);
const xi = randn([256, 1, 28, 28]);
const xm = randn([256, 784]);
const row = noGrad(() => ({
  pool1: best(() => maxPool2d(x1, 2)),
  pool2: best(() => maxPool2d(x2, 2)),
  relu1: best(() => relu(x1)),
  conv1: best(() => conv1.call(xi)),
  conv2: best(() => conv2.call(xc2)),
  lenet: best(() => lenet.call(xi), 1500),
  mlp: best(() => mlp.call(xm), 1500),
}));
console.log(Object.entries(row).map(([k, v]) => `${k} ${v.toFixed(3)}`).join('  '));
