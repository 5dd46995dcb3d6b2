/**
 * `myelin summary MODEL_DIR`: the Keras-style layer table of a saved model (layers, output shapes,
 * parameter counts, from Myelin's `summary`), then what it was trained on and how well it did.
 */
import { defineCommand } from '../command.js';
import { shape } from '../format.js';
import { openModel } from '../model_run.js';
import { formatMetrics } from './train.js';

export const summaryCommand = defineCommand({
  name: 'summary',
  summary: 'layers, output shapes and parameter counts of a saved model',
  description: `
Loads MODEL_DIR and prints one row per layer (output shape, parameters) by running one dummy
input through it, then the model's input shape, classes, training epochs and test metrics.`,
  args: {
    positionals: [{ name: 'MODEL_DIR', help: 'a directory written by myelin train' }],
    flags: {
      tree: { type: 'boolean', help: 'print the PyTorch-style module tree instead of the table' },
    },
  },
  examples: ['myelin summary runs/mnist-cnn', 'myelin summary runs/xor --tree'],
  async run({ positionals, flags }, io) {
    const dir = positionals[0]!;
    const { model, info } = openModel(dir);
    io.out(`${info.name}${info.description ? `: ${info.description}` : ''}`);
    io.out('');
    if (flags.tree || info.inputShape.length === 0) io.out(String(model));
    else model.summary(info.inputShape, { print: (line) => io.out(line) });
    io.out('');
    io.out(`input shape: ${shape(info.inputShape)} (without the batch dim)`);
    if (info.classes) io.out(`classes: ${info.classes.join(', ')}`);
    if (info.epochs !== undefined) io.out(`trained: ${info.epochs} epoch(s)${info.loss ? `, loss ${info.loss}` : ''}`);
    if (Object.keys(info.test).length) io.out(`test: ${formatMetrics(info.test)}`);
  },
});
