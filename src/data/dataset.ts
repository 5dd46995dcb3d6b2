/**
 * Map-style datasets: anything with a `length` and `get(i)`. TensorDataset (rows of tensors),
 * ArrayDataset, `.map` transforms, Subset and a seeded randomSplit. Batching lives in loader.ts;
 * streaming sources (iterables without a length) go straight to the DataLoader.
 */
import { ArgumentError, IndexError, ShapeError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { type Generator, defaultGenerator } from '../tensor/random.js';
import { select } from '../ops/composite/shape/select.js';
import { type Collated, gatherRows } from './collate.js';
import { permutation } from './rng.js';

/**
 * A map-style dataset: `length` items, item i from `get(i)`. Any object of this shape works with
 * the DataLoader; extend MapDataset to get `.map` and iteration too.
 * @example
 * const squares: Dataset<number> = { length: 4, get: (i) => i * i };
 * [...new DataLoader(squares, { batchSize: 4 })][0].toArray() // [0, 1, 4, 9]
 */
export interface Dataset<T> {
  readonly length: number;
  get(i: number): T;
  /**
   * Optional fast path for the DataLoader: the items at `indices` already collated (exactly what
   * `defaultCollate(indices.map(get))` returns), e.g. by copying rows of one big tensor.
   */
  getBatch?(indices: Int32Array): Collated<T>;
}

/**
 * A dataset whose `get` is asynchronous (reads a file, decodes an image); iterate its loader with
 * `for await`, which requests every item of a batch at once and the next batch ahead of time.
 * @example
 * const files: AsyncDataset<number> = { length: 3, get: async (i) => i };
 * new DataLoader(files, { batchSize: 2 }).length // 2
 */
export interface AsyncDataset<T> {
  readonly length: number;
  get(i: number): Promise<T>;
}

function checkIndex(op: string, i: number, length: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= length) throw new IndexError(`${op}: index ${i} out of range for a dataset of length ${length}`);
}

/**
 * Base class of the datasets here: adds `.map(fn)` and iteration over the items.
 * @example new ArrayDataset([1, 2, 3]).map((v) => v * 10).get(2) // 30
 */
export abstract class MapDataset<T> implements Dataset<T>, Iterable<T> {
  abstract readonly length: number;
  abstract get(i: number): T;

  /** A dataset whose item i is `fn(this.get(i), i)`, computed on each access (nothing is cached). */
  map<U>(fn: (item: T, index: number) => U): MapDataset<U> {
    return new MappedDataset(this, fn);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

class MappedDataset<S, T> extends MapDataset<T> {
  constructor(private readonly source: Dataset<S>, private readonly fn: (item: S, index: number) => T) {
    super();
  }

  get length(): number {
    return this.source.length;
  }

  get(i: number): T {
    return this.fn(this.source.get(i), i);
  }
}

/**
 * Items straight from an array (kept by reference, not copied).
 * @example new ArrayDataset(['a', 'b']).get(1) // 'b'
 */
export class ArrayDataset<T> extends MapDataset<T> {
  constructor(readonly items: readonly T[]) {
    super();
  }

  get length(): number {
    return this.items.length;
  }

  get(i: number): T {
    checkIndex('ArrayDataset.get', i, this.items.length);
    return this.items[i]!;
  }
}

/**
 * Rows of tensors that share their first dim: item i is the tuple (t0[i], t1[i], …), each a view.
 * Its loader batches by copying rows (no per-row stack), so big tensors like MNIST batch cheaply.
 * tensors: (N, ...) each -> items: tuples of (...).
 * @example
 * const ds = new TensorDataset(tensor([[1, 2], [3, 4], [5, 6]]), tensor([0, 1, 0], { dtype: 'int32' }));
 * const [x, y] = ds.get(1);
 * [ds.length, x.toArray(), y.item()] // [3, [3, 4], 1]
 */
export class TensorDataset<T extends readonly Tensor[] = Tensor[]> extends MapDataset<T> {
  readonly tensors: T;
  readonly length: number;

  constructor(...tensors: T) {
    super();
    if (tensors.length === 0) throw new ArgumentError('TensorDataset: expected at least one tensor');
    const n = tensors[0]!.ndim > 0 ? tensors[0]!.shape[0]! : -1;
    tensors.forEach((t, j) => {
      if (t.ndim === 0 || t.shape[0] !== n) {
        throw new ShapeError(`TensorDataset: every tensor needs the same first dim; tensor ${j} has shape ${fmtShape(t.shape)}, tensor 0 has ${fmtShape(tensors[0]!.shape)}`);
      }
    });
    this.tensors = tensors;
    this.length = n;
  }

  get(i: number): T {
    checkIndex('TensorDataset.get', i, this.length);
    return this.tensors.map((t) => select(t, 0, i)) as unknown as T;
  }

  getBatch(indices: Int32Array): Collated<T> {
    return this.tensors.map((t) => gatherRows(t, indices)) as unknown as Collated<T>;
  }
}

/**
 * The items of `dataset` at `indices`, in that order (repeats allowed). Keeps the parent's batch
 * fast path, so a Subset of a TensorDataset still batches by row copies.
 * @example new Subset(new ArrayDataset([10, 20, 30]), [2, 0]).get(0) // 30
 */
export class Subset<T> extends MapDataset<T> {
  readonly indices: Int32Array;
  readonly getBatch?: (indices: Int32Array) => Collated<T>;

  constructor(readonly dataset: Dataset<T>, indices: ArrayLike<number>) {
    super();
    for (let j = 0; j < indices.length; j++) checkIndex('Subset', indices[j]!, dataset.length);
    this.indices = Int32Array.from(indices);
    const parent = dataset;
    if (parent.getBatch) {
      this.getBatch = (idx) => parent.getBatch!(idx.map((i) => this.indices[i]!));
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(i: number): T {
    checkIndex('Subset.get', i, this.indices.length);
    return this.dataset.get(this.indices[i]!);
  }
}

/** Integer lengths from `lengths` (counts summing to n, or fractions summing to 1, as in PyTorch). */
function splitLengths(lengths: readonly number[], n: number): number[] {
  if (lengths.length === 0 || lengths.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new ArgumentError(`randomSplit: lengths must be non-negative numbers, got [${lengths.join(', ')}]`);
  }
  const total = lengths.reduce((a, b) => a + b, 0);
  const isFractions = lengths.every((v) => v <= 1) && Math.abs(total - 1) < 1e-6 && !(lengths.every(Number.isInteger) && total === n);
  if (!isFractions) {
    if (!lengths.every(Number.isInteger) || total !== n) {
      throw new ArgumentError(`randomSplit: lengths [${lengths.join(', ')}] sum to ${total}, the dataset has ${n} items (or pass fractions summing to 1)`);
    }
    return [...lengths];
  }
  // floor each share, then hand the remainder out one by one from the first split (PyTorch's rule)
  const out = lengths.map((f) => Math.floor(n * f));
  const rest = n - out.reduce((a, b) => a + b, 0);
  for (let j = 0; j < rest; j++) out[j % out.length]!++;
  return out;
}

/**
 * Splits a dataset into non-overlapping random Subsets. `lengths` are item counts summing to
 * `dataset.length`, or fractions summing to 1 (floored, the remainder given out from the first).
 * The same generator seed gives the same split.
 * @example
 * const [train, test] = randomSplit(new ArrayDataset([0, 1, 2, 3, 4]), [0.8, 0.2], new Generator(1));
 * [train.length, test.length] // [4, 1]
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], generator: Generator = defaultGenerator): Subset<T>[] {
  const sizes = splitLengths(lengths, dataset.length);
  const order = permutation(dataset.length, generator);
  let start = 0;
  return sizes.map((k) => {
    const part = new Subset(dataset, order.subarray(start, start + k));
    start += k;
    return part;
  });
}
