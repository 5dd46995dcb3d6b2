/**
 * `myelin train [PRESET|CONFIG.json]`: builds the model from its JSON architecture, compiles it,
 * fits it with a progress bar, a checkpoint every epoch and the history files, then saves the
 * model and prints the test metrics. A thin wrapper: training is Myelin's `fit`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CosineAnnealingLR, ModelCheckpoint, ProgressBar, type Optimizer, buildModel, detectAnomaly, manualSeed, prettyJson, saveModel, type JsonValue, type Logs, type OptimizerName } from 'myelin';
import { defineCommand } from '../command.js';
import { resolveConfig, runConfig } from '../config.js';
import { formatRegression, loadData, prepare, regressionScores } from '../data.js';
import { CliError, firstLine } from '../errors.js';
import { count, duration } from '../format.js';
import { HistoryFiles } from '../history_files.js';
import { diagnosticsCallbacks } from '../diagnostics_files.js';
import { PRESETS } from '../presets/index.js';
import { writeReport } from '../report/html.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';

const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adamax', 'nadam'];

/** Formats test logs: 'accuracy 98.91%, loss 0.0345'. */
export function formatMetrics(logs: Logs, prefix = ''): string {
  return Object.entries(logs)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => {
      const name = k.slice(prefix.length);
      return /accuracy/.test(name) ? `${name} ${(100 * v).toFixed(2)}%` : `${name} ${v.toPrecision(4)}`;
    })
    .join(', ');
}

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'train a preset or a config.json; saves model, checkpoint and history',
  description: `
Trains a model and writes into the output directory (default runs/<name>):
  model.json, model.safetensors   the architecture (JSON) and the weights (load with myelin eval/predict)
  checkpoint.safetensors          the last epoch's full training state (for --resume)
  history.json, history.csv       loss and metrics per epoch, on the train and test sets
  diagnostics.json                per-layer training statistics and findings (unless --no-diagnostics)
  report.html                     the training report: curves, diagnostics, confusion matrix, samples
                                  with saliency (docs/report.md; regenerate with myelin report DIR)
  config.json                     the resolved settings of the run
Prints a progress bar on a terminal and one line per epoch otherwise (or with --no-progress),
then the test-set metrics. Training diagnostics watch every layer (every 10th step) and print
each finding once, when it appears: dead ReLUs, saturated sigmoid/tanh units, vanishing or
exploding gradients, a learning rate too high, NaN/Inf (see docs/diagnostics.md). With
--detect-anomaly every op is checked and the first one to produce NaN/Inf stops the run, named
with its layer, shapes and input range (slower; for hunting a NaN, docs/anomaly.md).

Presets:
${[...PRESETS.values()].map((p) => `  ${p.name.padEnd(10)} ${p.description}`).join('\n')}

A config.json holds the same fields as a preset (name, architecture, data, loss, metrics,
optimizer, lr, epochs, batchSize, seed, and optionally schedule: "cosine"); "extends": "<preset>"
fills in the ones left out.
See docs/cli.md.`,
  args: {
    positionals: [{ name: 'PRESET|CONFIG', help: 'a preset name or a config .json file (default mnist-cnn; with --resume, the run\'s own config)', isOptional: true }],
    flags: {
      epochs: { type: 'int', metavar: 'N', help: 'train until epoch N (a resumed run continues up to N)' },
      'batch-size': { type: 'int', metavar: 'N', help: 'examples per optimizer step' },
      lr: { type: 'number', metavar: 'LR', help: 'learning rate' },
      optimizer: { type: 'string', choices: OPTIMIZERS, metavar: 'NAME', help: `optimizer: ${OPTIMIZERS.join(', ')}` },
      seed: { type: 'int', metavar: 'N', help: 'seed for the weights, the shuffling and toy data' },
      out: { type: 'string', metavar: 'DIR', help: 'output directory (default runs/<name>; with --resume, the checkpoint\'s directory)' },
      resume: { type: 'string', metavar: 'CKPT', help: 'continue from a checkpoint.safetensors written by an earlier run' },
      limit: { type: 'int', metavar: 'N', help: 'use only the first N training and N test examples (quick runs)' },
      'no-progress': { type: 'boolean', help: 'one plain line per epoch instead of a live progress bar' },
      'no-diagnostics': { type: 'boolean', help: 'do not watch the layers for training problems (no findings, no diagnostics.json)' },
      'detect-anomaly': { type: 'boolean', help: 'check every op for NaN/Inf and stop at the first one, naming op and layer (slow)' },
      ...RUNTIME_FLAGS,
    },
  },
  examples: [
    'myelin train mnist-cnn',
    'myelin train xor --epochs 50 --lr 0.05 --out runs/xor',
    'myelin train mnist-mlp --epochs 1 --limit 2000 --no-progress',
    'myelin train my_config.json --threads 2',
    'myelin train --resume runs/mnist-cnn/checkpoint.safetensors --epochs 5',
  ],
  async run({ positionals, flags }, io) {
    const resume = flags.resume;
    if (resume !== undefined && !existsSync(resume)) throw new CliError(`no such checkpoint: '${resume}'`);
    const cfg = positionals[0] !== undefined ? resolveConfig(positionals[0]) : resume !== undefined ? runConfig(dirname(resume)) : resolveConfig('mnist-cnn');
    if (flags.epochs !== undefined) cfg.epochs = flags.epochs;
    if (flags['batch-size'] !== undefined) cfg.batchSize = flags['batch-size'];
    if (flags.lr !== undefined) cfg.lr = flags.lr;
    if (flags.optimizer !== undefined) cfg.optimizer = flags.optimizer as OptimizerName;
    if (flags.seed !== undefined) cfg.seed = flags.seed;
    const out = flags.out ?? (resume !== undefined ? dirname(resume) : join('runs', cfg.name));
    const runtime = applyRuntime(flags);

    manualSeed(cfg.seed);
    const t0 = performance.now();
    const data = loadData(cfg.data, cfg.seed, flags.limit);
    const train = prepare(data.train, data.preprocess);
    const test = prepare(data.test, data.preprocess);
    const model = buildModel(cfg.architecture);
    const steps = Math.ceil(train[0].shape[0]! / cfg.batchSize) * cfg.epochs;
    const scheduler = cfg.schedule === 'cosine' ? (opt: Optimizer) => new CosineAnnealingLR(opt, { tMax: Math.max(1, steps) }) : undefined;
    model.compile({ optimizer: cfg.optimizer, lr: cfg.lr, loss: cfg.loss, metrics: cfg.metrics, ...(scheduler ? { scheduler, schedulerInterval: 'batch' as const } : {}) });
    io.out(`myelin train ${cfg.name}: ${count(train[0].shape[0]!)} training / ${count(test[0].shape[0]!)} test examples, ${count(model.numParameters())} parameters, ${runtime}`);
    io.out(`  ${cfg.optimizer} lr ${cfg.lr}${cfg.schedule === 'cosine' ? ' (cosine decay)' : ''}, batch size ${cfg.batchSize}, ${cfg.epochs} epoch(s), seed ${cfg.seed}${resume ? `, resuming from ${resume}` : ''}; output in ${out}/`);

    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'config.json'), prettyJson(cfg));
    const history = new HistoryFiles(out);
    const checkpoint = new ModelCheckpoint(join(out, 'checkpoint.safetensors'));
    const bar = new ProgressBar({ mode: flags['no-progress'] ? 'line' : 'bar' });
    // appended, so older checkpoints' callback states (keyed by position) still line up
    const diagnostics = flags['no-diagnostics'] ? [] : diagnosticsCallbacks(out, io, io.isTTY && !flags['no-progress']);
    if (flags['no-diagnostics']) rmSync(join(out, 'diagnostics.json'), { force: true }); // an earlier run's would describe another run
    const fit = () =>
      model.fit(train[0], train[1], {
        epochs: cfg.epochs,
        batchSize: cfg.batchSize,
        validationData: test,
        seed: cfg.seed,
        callbacks: [bar, history, checkpoint, ...diagnostics],
        ...(resume !== undefined ? { resumeFrom: resume } : {}),
      });
    await (flags['detect-anomaly'] ? detectAnomaly(fit, { model }) : fit());

    const last = history.rows.at(-1);
    const logs: Logs = last && last['epoch'] === cfg.epochs - 1 ? last : prefixed(model.evaluate(test[0], test[1], { batchSize: 500 }), 'val_');
    const seconds = (performance.now() - t0) / 1000;
    const info: Record<string, JsonValue> = {
      name: cfg.name,
      description: cfg.description,
      task: data.preprocess.targetMean !== undefined ? 'regression' : 'classification',
      inputShape: data.inputShape,
      classes: data.classes ? [...data.classes] : null,
      preprocess: data.preprocess as JsonValue,
      loss: cfg.loss,
      metrics: cfg.metrics,
      data: cfg.data as JsonValue,
      seed: cfg.seed,
      epochs: cfg.epochs,
      test: Object.fromEntries(Object.entries(logs).filter(([k]) => k.startsWith('val_')).map(([k, v]) => [k.slice(4), v])),
    };
    saveModel(out, model, cfg.architecture, info);
    io.out(`test ${formatMetrics(logs, 'val_')} (${count(test[0].shape[0]!)} examples) after ${cfg.epochs} epoch(s), ${duration(seconds)}`);
    if (info['task'] === 'regression') io.out(`test ${formatRegression(regressionScores(model.predict(test[0], { batchSize: 500 }), data.test[1], data.preprocess))}`);
    try {
      writeReport(out);
    } catch (e) {
      io.err(`myelin train: report.html not written: ${firstLine(e)}`);
    }
    const files = ['model.json', 'model.safetensors', 'checkpoint.safetensors', 'history.json', 'history.csv', 'diagnostics.json', 'report.html'].filter((f) => existsSync(join(out, f)));
    io.out(`saved ${out}/: ${files.join(', ')}`);
  },
});

function prefixed(logs: Logs, prefix: string): Logs {
  return Object.fromEntries(Object.entries(logs).map(([k, v]) => [prefix + k, v]));
}
