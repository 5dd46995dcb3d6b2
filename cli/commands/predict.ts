/**
 * `myelin predict MODEL_DIR INPUT`: a saved model's outputs for new inputs (read by cli/inputs.ts:
 * JSON, CSV, IDX, PNG, or an index into the model's own test or train split). Classifiers print
 * the top classes with their probabilities; regressors print values in the target's units.
 */
import { softmax } from 'myelin';
import { defineCommand } from '../command.js';
import { postprocessOutputs, preprocessInputs } from '../data.js';
import { readInputs } from '../inputs.js';
import { openModel } from '../model_run.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';

export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'run a saved model on inputs (.json, .csv, IDX images, or test-set indices)',
  description: `
Loads MODEL_DIR and prints its prediction for each input. INPUT is one of:
  FILE.json        an array of inputs (or one input), raw values as in the training data
                   (MNIST: pixels in [0, 1]); or { "inputs": [...] }
  FILE.csv         one input per row, feature columns only (a header line is optional)
  FILE             an IDX image file (MNIST format, raw or .gz): pixels 0-255 are scaled to [0, 1]
  FILE.png         one image of the model's size (grey for 1-channel models), scaled to [0, 1]
  N, N:M, train:N  example N (or N to M-1) of the model's own test split (or train split),
                   shown with its true label
The model's saved preprocessing is applied to the raw inputs.`,
  args: {
    positionals: [
      { name: 'MODEL_DIR', help: 'a directory written by myelin train' },
      { name: 'INPUT', help: 'FILE.json, FILE.csv, an IDX file, FILE.png, or an index like 7, 0:10, train:3' },
    ],
    flags: {
      top: { type: 'int', metavar: 'K', help: 'classes shown per input (default 3)' },
      limit: { type: 'int', metavar: 'N', help: 'predict at most the first N inputs (default all)' },
      json: { type: 'boolean', help: 'print one JSON object per input' },
      ...RUNTIME_FLAGS,
    },
  },
  examples: ['myelin predict runs/mnist-cnn 0:5', 'myelin predict runs/xor points.json', 'myelin predict runs/mnist-cnn t10k-images-idx3-ubyte.gz --limit 20'],
  async run({ positionals, flags }, io) {
    applyRuntime(flags);
    const { model, info } = openModel(positionals[0]!);
    let { x, y, first } = readInputs(info, positionals[1]!);
    if (flags.limit !== undefined && flags.limit < x.shape[0]!) {
      x = x.narrow(0, 0, flags.limit);
      y = y?.narrow(0, 0, flags.limit);
    }
    const out = model.predict(preprocessInputs(x, info.preprocess), { batchSize: 256 });
    const truth = y?.toFlatArray();
    if (info.task === 'regression' || out.ndim !== 2 || out.shape[1] === 1) {
      const values = postprocessOutputs(out, info.preprocess).toFlatArray();
      values.forEach((v, i) => {
        const t = truth?.[i];
        if (flags.json) io.out(JSON.stringify({ index: first + i, prediction: v, ...(t !== undefined ? { target: t } : {}) }));
        else io.out(`#${first + i}: ${v.toPrecision(5)}${t !== undefined ? `  (target ${Number(t.toPrecision(6))})` : ''}`);
      });
      return;
    }
    const probs = softmax(out, 1);
    const k = Math.min(flags.top ?? 3, out.shape[1]!);
    const rows = probs.toArray() as number[][];
    const name = (c: number): string => info.classes?.[c] ?? String(c);
    let correct = 0;
    rows.forEach((p, i) => {
      const ranked = p.map((v, c) => [c, v] as const).sort((a, b) => b[1] - a[1]).slice(0, k);
      const t = truth?.[i];
      if (t !== undefined && ranked[0]![0] === t) correct++;
      if (flags.json) {
        io.out(JSON.stringify({ index: first + i, prediction: name(ranked[0]![0]), top: ranked.map(([c, v]) => ({ class: name(c), probability: v })), ...(t !== undefined ? { label: name(t) } : {}) }));
        return;
      }
      const top = ranked.map(([c, v]) => `${name(c)} (${(100 * v).toFixed(2)}%)`).join('  ');
      const mark = t === undefined ? '' : `   label ${name(t)} ${ranked[0]![0] === t ? '✓' : '✗'}`;
      io.out(`#${first + i}: ${top}${mark}`);
    });
    if (truth !== undefined && rows.length > 1 && !flags.json) io.out(`${correct}/${rows.length} correct`);
  },
});
