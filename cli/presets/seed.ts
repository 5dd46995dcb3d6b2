/**
 * `seed`: the seed document's network: 2 inputs, 2 tanh hidden units, 1 tanh output, mean squared
 * error and plain gradient descent on the four XOR points (examples/seed_two_layer.ts by hand).
 */
import type { TrainConfig } from './preset.js';

export const seed: TrainConfig = {
  name: 'seed',
  description: "the seed's 2-2-1 tanh network on the 4 XOR points, MSE + SGD",
  architecture: { type: 'Sequential', layers: [{ type: 'Linear', args: [2, 2] }, { type: 'Tanh' }, { type: 'Linear', args: [2, 1] }, { type: 'Tanh' }] },
  data: { kind: 'xor4' },
  loss: 'mse',
  metrics: ['binaryAccuracy'],
  optimizer: 'sgd',
  lr: 0.5,
  epochs: 300,
  batchSize: 4,
  seed: 3,
};
