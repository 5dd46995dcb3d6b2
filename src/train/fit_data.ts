/**
 * The data forms fit/evaluate accept, turned into re-iterable sources of [x, y] batches: tensors
 * (x, y) and map-style datasets are batched by a DataLoader (seeded shuffle); DataLoaders and other
 * iterables of batches are used as they are, once per epoch. validationSplit takes the last
 * fraction of the samples before any shuffling, as Keras does.
 */
import { ArgumentError, ShapeError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { Generator } from '../tensor/random.js';
import { type AsyncDataset, type Dataset, Subset, TensorDataset } from '../data/dataset.js';
import { DataLoader } from '../data/loader.js';

/** One batch: [x, y] (further elements are ignored). */
export type Batch = readonly Tensor[];

/** Batches, re-iterated every epoch (a DataLoader, an array of batches, an async iterable). */
export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>;

/** What fit and evaluate accept besides (x, y) tensors: a map-style dataset of [x, y] items, or batches. */
export type DataSource = Dataset<Batch> | AsyncDataset<Batch> | BatchSource;

/** A batch source with what is known about its size. */
export interface Batches {
  source: BatchSource;
  /** Batches per epoch, when known. */
  steps: number | undefined;
  /** Samples per epoch, when known. */
  samples: number | undefined;
}

function isMapStyle(s: unknown): s is Dataset<Batch> | AsyncDataset<Batch> {
  const d = s as Partial<Dataset<Batch>>;
  return typeof s === 'object' && s !== null && typeof d.get === 'function' && typeof d.length === 'number' && !(s instanceof DataLoader);
}

function isBatchSource(s: unknown): s is BatchSource {
  return typeof s === 'object' && s !== null && (Symbol.iterator in s || Symbol.asyncIterator in s);
}

/** Checks the batch size option (a positive integer). */
export function checkBatchSize(method: string, v: number | undefined, fallback = 32): number {
  const b = v ?? fallback;
  if (!Number.isInteger(b) || b < 1) throw new ArgumentError(`${method}: batchSize must be a positive integer, got ${String(v)}`);
  return b;
}

/** (x, y) as a TensorDataset, checking they hold the same number of samples. */
export function tensorDataset(method: string, x: Tensor, y: Tensor): TensorDataset<[Tensor, Tensor]> {
  if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw new ArgumentError(`${method}: x and y must be Tensors`);
  if (x.ndim === 0 || y.ndim === 0) throw new ShapeError(`${method}: x and y need a batch dim, got x [${x.shape.join(', ')}] and y [${y.shape.join(', ')}]`);
  if (x.shape[0] !== y.shape[0]) throw new ShapeError(`${method}: x has ${x.shape[0]} samples, y has ${y.shape[0]}`);
  return new TensorDataset(x, y);
}

/** A DataLoader over a map-style dataset, or the given batches with their size when known. */
export function toBatches(method: string, data: DataSource, batchSize: number, shuffle: boolean, generator?: Generator): Batches {
  if (isMapStyle(data)) {
    const loader = new DataLoader(data as Dataset<Batch>, { batchSize, shuffle, ...(generator ? { generator } : {}) }) as unknown as DataLoader<Batch, Batch>;
    return { source: loader, steps: loader.length, samples: data.length };
  }
  if (data instanceof DataLoader) {
    const ds: unknown = data.dataset;
    return { source: data as BatchSource, steps: isMapStyle(ds) ? data.length : undefined, samples: isMapStyle(ds) ? ds.length : undefined };
  }
  if (isBatchSource(data)) return { source: data, steps: Array.isArray(data) ? data.length : undefined, samples: undefined };
  throw new ArgumentError(`${method}: expected (x, y) Tensors, a dataset of [x, y] items, a DataLoader or an iterable of [x, y] batches`);
}

/** The last `fraction` of a map-style dataset as validation data, the rest for training (Keras's rule). */
export function splitValidation(method: string, data: DataSource, fraction: number): [Dataset<Batch>, Dataset<Batch>] {
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) throw new ArgumentError(`${method}: validationSplit must be in (0, 1), got ${String(fraction)}`);
  if (!isMapStyle(data)) throw new ArgumentError(`${method}: validationSplit needs (x, y) tensors or a map-style dataset; pass validationData for loaders and iterables`);
  const n = data.length;
  const cut = Math.ceil(n * (1 - fraction));
  if (cut === 0 || cut === n) throw new ArgumentError(`${method}: validationSplit ${fraction} of ${n} samples leaves an empty training or validation set`);
  const ds = data as Dataset<Batch>;
  const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);
  return [new Subset(ds, range(0, cut)), new Subset(ds, range(cut, n))];
}

/** Checks a batch is [x, y, ...] tensors; returns [x, y]. */
export function unpackBatch(method: string, batch: unknown): [Tensor, Tensor] {
  if (!Array.isArray(batch) || batch.length < 2 || !(batch[0] instanceof Tensor) || !(batch[1] instanceof Tensor)) {
    throw new ArgumentError(`${method}: each batch must be [x, y] Tensors, got ${Array.isArray(batch) ? `an array of ${batch.length}` : typeof batch}`);
  }
  return [batch[0], batch[1]];
}

/** The number of samples in a batch (x's first dim). */
export const batchLength = (x: Tensor): number => (x.ndim === 0 ? 1 : x.shape[0]!);
