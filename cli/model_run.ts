/**
 * Opening a model directory for `eval`, `predict` and `summary`: the model (loadModel) and the
 * info `myelin train` stored beside it (task, input shape, classes, preprocessing, data, loss),
 * checked field by field so a hand-edited model.json fails with a clear message.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, type LossName, type MetricName, type Module } from 'myelin';
import type { DataConfig } from './presets/index.js';
import type { Preprocess } from './data.js';
import { CliError } from './errors.js';

export interface ModelInfo {
  name: string;
  description: string;
  task: 'classification' | 'regression';
  /** One sample's shape, without the batch dim. */
  inputShape: number[];
  classes: string[] | undefined;
  preprocess: Preprocess;
  loss: LossName | undefined;
  metrics: MetricName[];
  data: DataConfig | undefined;
  seed: number;
  epochs: number | undefined;
  /** Test metrics measured at the end of training. */
  test: Record<string, number>;
}

export interface OpenedModel {
  model: Module;
  info: ModelInfo;
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number');

/** Loads `dir`; every field of the info falls back to a neutral default when absent. */
export function openModel(dir: string): OpenedModel {
  if (!existsSync(dir)) throw new CliError(`no such model directory: '${dir}'`);
  if (!statSync(dir).isDirectory()) throw new CliError(`'${dir}' is not a directory (pass the directory myelin train wrote, e.g. runs/xor)`);
  if (!existsSync(join(dir, 'model.json'))) throw new CliError(`'${dir}' holds no model.json (is it a directory written by myelin train?)`);
  const { model, info: raw } = loadModel(dir);
  const r = raw as Record<string, unknown>;
  if (r['inputShape'] !== undefined && !isNumbers(r['inputShape'])) throw new CliError(`'${dir}/model.json': info.inputShape must be an array of numbers`);
  const info: ModelInfo = {
    name: typeof r['name'] === 'string' ? r['name'] : dir,
    description: typeof r['description'] === 'string' ? r['description'] : '',
    task: r['task'] === 'regression' ? 'regression' : 'classification',
    inputShape: isNumbers(r['inputShape']) ? r['inputShape'] : [],
    classes: Array.isArray(r['classes']) ? r['classes'].map(String) : undefined,
    preprocess: typeof r['preprocess'] === 'object' && r['preprocess'] !== null ? (r['preprocess'] as Preprocess) : {},
    loss: typeof r['loss'] === 'string' ? (r['loss'] as LossName) : undefined,
    metrics: Array.isArray(r['metrics']) ? (r['metrics'] as MetricName[]) : [],
    data: typeof r['data'] === 'object' && r['data'] !== null ? (r['data'] as DataConfig) : undefined,
    seed: typeof r['seed'] === 'number' ? r['seed'] : 0,
    epochs: typeof r['epochs'] === 'number' ? r['epochs'] : undefined,
    test: typeof r['test'] === 'object' && r['test'] !== null ? (r['test'] as Record<string, number>) : {},
  };
  return { model, info };
}
