/**
 * `myelin predict MODEL_DIR INPUT`: a saved model's outputs for new inputs, given as a JSON array,
 * a CSV table of features, an IDX image file (MNIST format, raw or .gz), or an index (`7`, `0:10`,
 * `train:3`) into the model's own test or train split. Classifiers print the top classes with
 * their probabilities; regressors print values in the target's units.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Tensor, loadCsv, parseIdx, softmax, tensor } from 'myelin';
import { defineCommand } from '../command.js';
import { loadData, postprocessOutputs, preprocessInputs } from '../data.js';
import { CliError } from '../errors.js';
import { shape } from '../format.js';
import { openModel, type ModelInfo } from '../model_run.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';

interface Inputs {
  /** Raw inputs (N, …inputShape), before preprocessing. */
  x: Tensor;
  /** Known targets, when INPUT indexes a split. */
  y?: Tensor;
  /** Index of the first row (for labels like #7). */
  first: number;
}

const INDEX = /^(?:(test|train):)?(\d+)(?::(\d+))?$/;

function fromIndex(info: ModelInfo, m: RegExpExecArray): Inputs {
  if (!info.data) throw new CliError('the model directory does not say which data it was trained on; pass a .json, .csv or IDX file');
  const split = (m[1] ?? 'test') as 'test' | 'train';
  const start = Number(m[2]);
  const end = m[3] !== undefined ? Number(m[3]) : start + 1;
  if (end <= start) throw new CliError(`empty range ${start}:${end}`);
  const d = loadData(info.data, info.seed, info.data.kind === 'mnist' ? end : undefined);
  const [x, y] = d[split];
  const n = x.shape[0]!;
  if (end > n) throw new CliError(`index ${end - 1} is past the ${n} examples of the ${split} split`);
  return { x: x.narrow(0, start, end - start), y: y.narrow(0, start, end - start), first: start };
}

function fromJson(path: string): Inputs {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`'${path}' is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const inputs = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { inputs?: unknown }).inputs : value;
  if (!Array.isArray(inputs)) throw new CliError(`'${path}' must hold an array of inputs (or { "inputs": [...] })`);
  return { x: tensor(inputs as number[]), first: 0 };
}

function fromCsv(path: string): Inputs {
  const firstLine = readFileSync(path, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  const hasHeader = firstLine.split(/[,;\t ]+/).some((c) => c.trim() !== '' && !Number.isFinite(Number(c.replace(/"/g, ''))));
  return { x: loadCsv(path, { header: hasHeader, labelColumn: null }).x, first: 0 };
}

function fromIdx(path: string): Inputs {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const { dims, data } = parseIdx(bytes, path);
  const x = new Tensor(Float32Array.from(data, (v) => v / 255), dims, 'float32');
  return { x, first: 0 };
}

/** Reads INPUT and shapes it to (N, …inputShape). */
function readInputs(info: ModelInfo, input: string): Inputs {
  const m = INDEX.exec(input);
  let r: Inputs;
  if (m && !existsSync(input)) r = fromIndex(info, m);
  else if (!existsSync(input)) throw new CliError(`no such input file: '${input}' (or give an index such as 0, 0:10, train:5)`);
  else if (/\.json$/i.test(input)) r = fromJson(input);
  else if (/\.csv(\.gz)?$/i.test(input)) r = fromCsv(input);
  else r = fromIdx(input);
  const per = info.inputShape.reduce((a, b) => a * b, 1);
  if (info.inputShape.length && r.x.numel % per === 0 && r.x.numel > 0) {
    const n = r.x.numel / per;
    if (r.x.ndim === info.inputShape.length || r.x.shape.slice(1).join() !== info.inputShape.join()) r = { ...r, x: r.x.reshape([n, ...info.inputShape]) };
  } else if (info.inputShape.length) {
    throw new CliError(`the input has shape ${shape(r.x.shape)}, which is not a batch of ${shape(info.inputShape)} inputs`);
  }
  return r;
}

export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'run a saved model on inputs (.json, .csv, IDX images, or test-set indices)',
  description: `
Loads MODEL_DIR and prints its prediction for each input. INPUT is one of:
  FILE.json        an array of inputs (or one input), raw values as in the training data
                   (MNIST: pixels in [0, 1]); or { "inputs": [...] }
  FILE.csv         one input per row, feature columns only (a header line is optional)
  FILE             an IDX image file (MNIST format, raw or .gz): pixels 0-255 are scaled to [0, 1]
  N, N:M, train:N  example N (or N to M-1) of the model's own test split (or train split),
                   shown with its true label
The model's saved preprocessing is applied to the raw inputs.`,
  args: {
    positionals: [
      { name: 'MODEL_DIR', help: 'a directory written by myelin train' },
      { name: 'INPUT', help: 'FILE.json, FILE.csv, an IDX file, or an index like 7, 0:10, train:3' },
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
