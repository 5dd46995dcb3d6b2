/** `moons`: scikit-learn's two interleaving half circles with noise, a 2-16-16-2 ReLU network. */
import type { TrainConfig } from './preset.js';

export const moons: TrainConfig = {
  name: 'moons',
  description: 'two moons with noise 0.2 (1,000 points): 2-16-16-2 ReLU MLP, ~2 s',
  architecture: {
    type: 'Sequential',
    layers: [{ type: 'Linear', args: [2, 16] }, { type: 'ReLU' }, { type: 'Linear', args: [16, 16] }, { type: 'ReLU' }, { type: 'Linear', args: [16, 2] }],
  },
  data: { kind: 'synthetic', set: 'moons', n: 1000, testN: 500, noise: 0.2 },
  loss: 'crossEntropy',
  metrics: ['accuracy'],
  optimizer: 'adam',
  lr: 0.01,
  epochs: 40,
  batchSize: 32,
  seed: 0,
};
