/** `xor`: 1,000 noisy points whose label is 1 where x·y < 0, learnt by a small tanh network. */
import type { TrainConfig } from './preset.js';

export const xor: TrainConfig = {
  name: 'xor',
  description: 'XOR of two coordinates in [-1, 1]² (1,000 points): 2-16-2 tanh MLP, ~1 s',
  architecture: { type: 'Sequential', layers: [{ type: 'Linear', args: [2, 16] }, { type: 'Tanh' }, { type: 'Linear', args: [16, 2] }] },
  data: { kind: 'synthetic', set: 'xor', n: 1000, testN: 500 },
  loss: 'crossEntropy',
  metrics: ['accuracy'],
  optimizer: 'adam',
  lr: 0.02,
  epochs: 30,
  batchSize: 32,
  seed: 0,
};
