/**
 * `myelin report RUN_DIR`: (re)writes RUN_DIR/report.html, the self-contained training report
 * (curves, learning rate, diagnostics, first-layer filters, confusion matrix, sample grid with
 * saliency) that `myelin train` writes at the end of a run. A thin wrapper over cli/report's writeReport.
 */
import { existsSync, statSync } from 'node:fs';
import { defineCommand } from '../command.js';
import { CliError } from '../errors.js';
import { writeReport } from '../report/html.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'write report.html for a training run (curves, diagnostics, confusion matrix, samples)',
  description: `
Reads a run directory written by myelin train (history.json, config.json, model.json and
model.safetensors, and diagnostics.json when the run recorded diagnostics) and writes
RUN_DIR/report.html: one self-contained file that opens offline in any browser. The saved model
is run on up to --limit examples of its test split for the confusion matrix (classifiers) or the
predicted-vs-true plot (regression); image models also get a grid of test samples, worst
mistakes first, with saliency maps; CNNs also get their first Conv2d's filters as images.
See docs/report.md.`,
  args: {
    positionals: [{ name: 'RUN_DIR', help: 'a directory written by myelin train' }],
    flags: {
      limit: { type: 'int', metavar: 'N', help: 'test examples to evaluate (default 10000)' },
      samples: { type: 'int', metavar: 'N', help: 'samples in the image grid (default 32)' },
      'no-eval': { type: 'boolean', help: 'leave out the test-set section and the filters (do not load the model)' },
      ...RUNTIME_FLAGS,
    },
  },
  examples: ['myelin report runs/mnist-cnn', 'myelin report runs/xor --no-eval'],
  async run({ positionals, flags }, io) {
    applyRuntime(flags);
    const dir = positionals[0]!;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`no such run directory: '${dir}'`);
    if (flags.limit !== undefined && flags.limit < 1) throw new CliError(`--limit must be at least 1, got ${flags.limit}`);
    const path = writeReport(dir, {
      evaluate: !flags['no-eval'],
      ...(flags.limit !== undefined ? { maxExamples: flags.limit } : {}),
      ...(flags.samples !== undefined ? { gridSize: flags.samples } : {}),
    });
    io.out(`wrote ${path}`);
  },
});
