/**
 * `mnist-cnn`: LeNet-5 style: conv 5x5x6 (padded) - ReLU - maxpool 2 - conv 5x5x16 - ReLU -
 * maxpool 2 - fc 120 - fc 84 - fc 10, trained with Adam on the full MNIST.
 */
import type { TrainConfig } from './preset.js';

export const mnistCnn: TrainConfig = {
  name: 'mnist-cnn',
  description: 'MNIST digits: LeNet-5 style CNN (61,706 parameters), Adam',
  architecture: {
    type: 'Sequential',
    layers: [
      { type: 'Conv2d', args: [1, 6, 5, { padding: 2 }] }, { type: 'ReLU' }, { type: 'MaxPool2d', args: [2] },
      { type: 'Conv2d', args: [6, 16, 5] }, { type: 'ReLU' }, { type: 'MaxPool2d', args: [2] },
      { type: 'Flatten' },
      { type: 'Linear', args: [400, 120] }, { type: 'ReLU' },
      { type: 'Linear', args: [120, 84] }, { type: 'ReLU' },
      { type: 'Linear', args: [84, 10] },
    ],
  },
  data: { kind: 'mnist', normalize: true },
  loss: 'crossEntropy',
  metrics: ['accuracy'],
  optimizer: 'adam',
  lr: 2e-3,
  epochs: 3,
  batchSize: 64,
  seed: 0,
  schedule: 'cosine',
};
