/** The presets `myelin train` knows, by name: derived from the exports below, the only list. */
import type { TrainConfig } from './preset.js';
import { xor } from './xor.js';
import { moons } from './moons.js';
import { seed } from './seed.js';
import { mnistMlp } from './mnist_mlp.js';
import { mnistCnn } from './mnist_cnn.js';

export type { TrainConfig, DataConfig, ConfigFile } from './preset.js';

export const PRESETS: ReadonlyMap<string, TrainConfig> = new Map([xor, moons, seed, mnistMlp, mnistCnn].map((p) => [p.name, p]));
