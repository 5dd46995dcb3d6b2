/**
 * `myelin eval MODEL_DIR [--data test|train|DIR|FILE.csv]`: loss and metrics of a saved model on
 * its own test (or train) split, on an MNIST-format IDX directory, or on a CSV table, with the
 * preprocessing saved at training time. A thin wrapper over loadModel + compile + evaluate.
 */
import { existsSync, statSync } from 'node:fs';
import { loadCsv, type Tensor } from 'myelin';
import { defineCommand } from '../command.js';
import { type LoadedData, formatRegression, loadData, prepare, regressionScores } from '../data.js';
import { CliError, UsageError } from '../errors.js';
import { count } from '../format.js';
import { openModel, type ModelInfo } from '../model_run.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';
import { formatMetrics } from './train.js';

/** The raw (x, y) that `--data` names, and a label for it. */
function evalData(info: ModelInfo, what: string, limit: number | undefined): { xy: [Tensor, Tensor]; label: string } {
  if (what === 'test' || what === 'train') {
    if (!info.data) throw new CliError('the model directory does not say which data it was trained on; pass --data DIR or FILE.csv');
    const d: LoadedData = loadData(info.data, info.seed, limit);
    return { xy: what === 'test' ? d.test : d.train, label: `${what} split` };
  }
  if (!existsSync(what)) throw new CliError(`no such data file or directory: '${what}'`);
  if (statSync(what).isDirectory()) {
    const fashion = info.data?.kind === 'mnist' && info.data.fashion === true;
    const d = loadData({ kind: 'mnist', dir: what, fashion }, info.seed, limit);
    return { xy: d.test, label: `${what} (test split)` };
  }
  const labelColumn = info.data?.kind === 'csv' ? info.data.labelColumn : undefined;
  const opts = info.data?.kind === 'csv' ? { ...(info.data.delimiter ? { delimiter: info.data.delimiter } : {}), ...(info.data.skipRows ? { skipRows: info.data.skipRows } : {}) } : {};
  const t = loadCsv(what, { ...opts, labelType: info.task === 'regression' ? 'regression' : 'class', ...(labelColumn !== undefined ? { labelColumn } : {}) });
  const n = Math.min(t.x.shape[0]!, limit ?? Infinity);
  return { xy: [t.x.narrow(0, 0, n), t.y.narrow(0, 0, n)], label: what };
}

export const evalCommand = defineCommand({
  name: 'eval',
  summary: 'loss and metrics of a saved model on its test set or on other data',
  description: `
Loads MODEL_DIR (written by myelin train) and reports its loss and metrics on the data it was
trained with (its test split by default), or on other data in the same format: a directory of
MNIST IDX files (its t10k split), or a CSV table with the label column the model was trained on.
The preprocessing saved with the model (e.g. MNIST standardisation) is applied first.`,
  args: {
    positionals: [{ name: 'MODEL_DIR', help: 'a directory written by myelin train (model.json + model.safetensors)' }],
    flags: {
      data: { type: 'string', metavar: 'test|train|DIR|FILE.csv', help: 'what to evaluate on (default test)' },
      'batch-size': { type: 'int', metavar: 'N', help: 'examples per forward pass (default 500)' },
      limit: { type: 'int', metavar: 'N', help: 'evaluate only the first N examples' },
      json: { type: 'boolean', help: 'print the results as JSON' },
      ...RUNTIME_FLAGS,
    },
  },
  examples: ['myelin eval runs/mnist-cnn', 'myelin eval runs/mnist-cnn --data train --limit 10000', 'myelin eval runs/iris --data iris.csv'],
  async run({ positionals, flags }, io) {
    applyRuntime(flags);
    const dir = positionals[0]!;
    const { model, info } = openModel(dir);
    if (!info.loss) throw new CliError(`'${dir}/model.json' does not name the loss it was trained with (info.loss)`);
    if (flags.data !== undefined && flags.data === '') throw new UsageError('myelin eval: --data needs a value');
    const { xy, label } = evalData(info, flags.data ?? 'test', flags.limit);
    const [x, y] = prepare(xy, info.preprocess);
    model.compile({ optimizer: 'sgd', loss: info.loss, metrics: info.metrics });
    const batchSize = flags['batch-size'] ?? 500;
    const logs = model.evaluate(x, y, { batchSize });
    const scores = info.task === 'regression' ? regressionScores(model.predict(x, { batchSize }), xy[1], info.preprocess) : undefined;
    if (flags.json) {
      io.out(JSON.stringify({ model: dir, data: label, examples: x.shape[0], ...logs, ...(scores ? { target: scores } : {}) }));
      return;
    }
    io.out(`${info.name} on ${label} (${count(x.shape[0]!)} examples): ${formatMetrics(logs)}`);
    if (scores) io.out(`  ${formatRegression(scores)}`);
  },
});
