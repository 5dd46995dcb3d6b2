/**
 * Reading INPUT for `predict` and `explain`: a JSON array, a CSV table of features, an IDX image
 * file (MNIST format, raw or .gz), a PNG image, or an index (`7`, `0:10`, `train:3`) into the
 * model's own test or train split. Raw values, before the model's preprocessing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Tensor, loadCsv, parseIdx, tensor } from 'myelin';
import { loadData } from './data.js';
import { CliError } from './errors.js';
import { shape } from './format.js';
import { readPng } from './heatmap.js';
import type { ModelInfo } from './model_run.js';

export interface Inputs {
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

/**
 * One image, pixels scaled to [0, 1], transparency composited over black. For a 1-channel model
 * the image becomes grey (Rec. 601 luma); for 3 channels, RGB. The size must be the model's.
 */
function fromPng(path: string, info: ModelInfo): Inputs {
  const s = info.inputShape;
  const [c, h, w] = s.length === 3 ? (s as [number, number, number]) : [0, 0, 0];
  if (c !== 1 && c !== 3) throw new CliError(`a PNG input needs a model of 1- or 3-channel images; this one takes ${shape(s)} inputs`);
  const png = readPng(path);
  if (png.width !== w || png.height !== h) throw new CliError(`'${path}' is ${png.width}x${png.height} pixels but the model takes ${w}x${h} images`);
  const out = new Float32Array(c * h * w);
  for (let p = 0; p < h * w; p++) {
    const a = png.data[4 * p + 3]! / 255;
    const [r, g, b] = [png.data[4 * p]!, png.data[4 * p + 1]!, png.data[4 * p + 2]!].map((v) => (v / 255) * a) as [number, number, number];
    if (c === 1) out[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else [out[p], out[h * w + p], out[2 * h * w + p]] = [r, g, b];
  }
  return { x: new Tensor(out, [1, ...s], 'float32'), first: 0 };
}

/** Reads INPUT and shapes it to (N, …inputShape). */
export function readInputs(info: ModelInfo, input: string): Inputs {
  const m = INDEX.exec(input);
  let r: Inputs;
  if (m && !existsSync(input)) r = fromIndex(info, m);
  else if (!existsSync(input)) throw new CliError(`no such input file: '${input}' (or give an index such as 0, 0:10, train:5)`);
  else if (/\.json$/i.test(input)) r = fromJson(input);
  else if (/\.csv(\.gz)?$/i.test(input)) r = fromCsv(input);
  else if (/\.png$/i.test(input)) r = fromPng(input, info);
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
