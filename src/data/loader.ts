/**
 * DataLoader: batches a dataset for training loops, with `for (const b of loader)` and
 * `for await (const b of loader)`. Map-style sources are shuffled per epoch by a seeded generator;
 * streaming sources (iterables, async iterables) are batched as they arrive, optionally through a
 * seeded shuffle buffer. No worker threads: loading runs on the caller's thread.
 */
import { ArgumentError } from '../errors.js';
import type { Generator } from '../tensor/random.js';
import { type Collated, defaultCollate } from './collate.js';
import type { AsyncDataset, Dataset } from './dataset.js';
import { type SeedOptions, permutation, resolveGenerator } from './rng.js';

export interface DataLoaderOptions<T, B> extends SeedOptions {
  /** Items per batch (default 1). */
  batchSize?: number;
  /** Reorder the items at the start of every epoch (default false). */
  shuffle?: boolean;
  /** Drop the last batch when it has fewer than batchSize items (default false). */
  dropLast?: boolean;
  /** Turns a list of items into a batch (default: defaultCollate, or the dataset's getBatch fast path). */
  collate?: (items: T[]) => B;
  /** Streaming sources only: how many items the shuffle buffer holds (default 1024). */
  shuffleBuffer?: number;
}

type Source<T> = Dataset<T> | AsyncDataset<T> | Iterable<T> | AsyncIterable<T>;

function isMapStyle<T>(s: Source<T>): s is Dataset<T> | AsyncDataset<T> {
  const d = s as Partial<Dataset<T>>;
  return typeof d.get === 'function' && typeof d.length === 'number';
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new ArgumentError(`DataLoader: ${name} must be a positive integer, got ${v}`);
}

/** Emits items in a seeded random order through a fixed-size buffer (tf.data's shuffle). */
class ShuffleBuffer<T> {
  private readonly items: T[] = [];
  constructor(private readonly size: number, private readonly g: Generator) {}

  /** Adds an item; once the buffer is full, returns a random one of the buffered items. */
  push(item: T): T[] {
    if (this.items.length < this.size) {
      this.items.push(item);
      return [];
    }
    const j = this.g.nextInt(0, this.size);
    const out = this.items[j]!;
    this.items[j] = item;
    return [out];
  }

  /** The remaining items, in random order. */
  drain(): T[] {
    const p = permutation(this.items.length, this.g);
    const out = Array.from(p, (i) => this.items[i]!);
    this.items.length = 0;
    return out;
  }
}

/** Groups streamed items (through an optional shuffle buffer) into collated batches. */
class StreamBatcher<T, B> {
  private batch: T[] = [];
  constructor(
    private readonly size: number,
    private readonly dropLast: boolean,
    private readonly collate: (items: T[]) => B,
    private readonly buffer: ShuffleBuffer<T> | undefined,
  ) {}

  /** Takes one item; returns the batches it completed (zero or one). */
  add(item: T): B[] {
    return this.take(this.buffer ? this.buffer.push(item) : [item]);
  }

  /** At the end of the stream: the buffered items' batches, then the short last one unless dropLast. */
  finish(): B[] {
    const out = this.buffer ? this.take(this.buffer.drain()) : [];
    if (this.batch.length > 0 && !this.dropLast) out.push(this.collate(this.batch));
    this.batch = [];
    return out;
  }

  private take(items: T[]): B[] {
    const done: B[] = [];
    for (const item of items) {
      this.batch.push(item);
      if (this.batch.length === this.size) {
        done.push(this.collate(this.batch));
        this.batch = [];
      }
    }
    return done;
  }
}

/**
 * Batches of a dataset. Iterate it once per epoch; with `shuffle` each epoch draws a new order
 * from the generator (`seed`/`generator`, else the default one), so a seeded run is reproducible
 * bit for bit. A TensorDataset (or a Subset of one) batches by copying rows; other items go through
 * `collate`. `length` is the number of batches. AsyncDatasets and async iterables need `for await`.
 * @example
 * const ds = new TensorDataset(arange(10).reshape([5, 2]), arange(5));
 * const loader = new DataLoader(ds, { batchSize: 2, shuffle: true, seed: 0 });
 * let rows = 0;
 * for (const [x, y] of loader) rows += x.shape[0];
 * [loader.length, rows] // [3, 5]
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: Generator;
  private readonly collate: ((items: T[]) => B) | undefined;
  private readonly shuffleBuffer: number;

  constructor(dataset: AsyncDataset<T> | AsyncIterable<T>, opts?: DataLoaderOptions<T, B>);
  constructor(dataset: Dataset<T> | Iterable<T>, opts?: DataLoaderOptions<T, B>);
  constructor(readonly dataset: Source<T>, opts: DataLoaderOptions<T, B> = {}) {
    this.batchSize = opts.batchSize ?? 1;
    checkCount('batchSize', this.batchSize);
    this.shuffleBuffer = opts.shuffleBuffer ?? 1024;
    checkCount('shuffleBuffer', this.shuffleBuffer);
    this.shuffle = opts.shuffle ?? false;
    this.dropLast = opts.dropLast ?? false;
    this.generator = resolveGenerator('DataLoader', opts);
    this.collate = opts.collate;
    const isObject = (typeof dataset === 'object' || typeof dataset === 'function') && dataset !== null;
    if (!isObject || (!isMapStyle(dataset) && !(Symbol.iterator in dataset) && !(Symbol.asyncIterator in dataset))) {
      throw new ArgumentError('DataLoader: the source must be a dataset (length and get) or an iterable');
    }
  }

  /** Number of batches per epoch. Streaming sources have no length: reading it throws. */
  get length(): number {
    if (!isMapStyle(this.dataset)) throw new ArgumentError('DataLoader: a streaming source has no length; count the batches while iterating');
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The index batches of one epoch (draws the epoch's order from the generator when shuffling). */
  private epochIndices(n: number): Int32Array[] {
    const order = this.shuffle ? permutation(n, this.generator) : Int32Array.from({ length: n }, (_, i) => i);
    const out: Int32Array[] = [];
    for (let s = 0; s < n; s += this.batchSize) {
      const e = Math.min(n, s + this.batchSize);
      if (this.dropLast && e - s < this.batchSize) break;
      out.push(order.subarray(s, e));
    }
    return out;
  }

  private collateItems(items: T[]): B {
    return this.collate ? this.collate(items) : (defaultCollate(items) as B);
  }

  /** The fast path, when the dataset has one and no custom collate was given. */
  private fastBatch(ds: Dataset<T> | AsyncDataset<T>, idx: Int32Array): B | undefined {
    const fast = (ds as Dataset<T>).getBatch;
    return !this.collate && fast ? (fast.call(ds, idx) as B) : undefined;
  }

  *[Symbol.iterator](): Iterator<B> {
    const src = this.dataset;
    if (!isMapStyle(src)) {
      if (!(Symbol.iterator in src)) throw new ArgumentError('DataLoader: the source is asynchronous; iterate with for await');
      yield* this.streamBatches(src);
      return;
    }
    for (const idx of this.epochIndices(src.length)) {
      const fast = this.fastBatch(src, idx);
      if (fast !== undefined) {
        yield fast;
        continue;
      }
      const items = Array.from(idx, (i) => src.get(i));
      if (items.some(isThenable)) throw new ArgumentError('DataLoader: the dataset returns promises; iterate with for await');
      yield this.collateItems(items as T[]);
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<B> {
    const src = this.dataset;
    if (!isMapStyle(src)) {
      yield* this.asyncStreamBatches(src);
      return;
    }
    const fetch = async (idx: Int32Array): Promise<B> => {
      const fast = this.fastBatch(src, idx);
      if (fast !== undefined) return fast;
      // every item of a batch is requested at once, so an async dataset's reads overlap
      return this.collateItems(await Promise.all(Array.from(idx, (i) => src.get(i))));
    };
    const batches = this.epochIndices(src.length);
    // NOTE: the next batch is requested before this one is handed out, so its I/O overlaps the
    // caller's step; a rejected prefetch is reported when it is awaited, never as unhandled
    let next = batches.length > 0 ? fetch(batches[0]!) : undefined;
    for (let k = 0; k < batches.length; k++) {
      const current = next!;
      next = k + 1 < batches.length ? fetch(batches[k + 1]!) : undefined;
      next?.catch(() => undefined);
      yield await current;
    }
  }

  private batcher(): StreamBatcher<T, B> {
    const buffer = this.shuffle ? new ShuffleBuffer<T>(this.shuffleBuffer, this.generator) : undefined;
    return new StreamBatcher(this.batchSize, this.dropLast, (items) => this.collateItems(items), buffer);
  }

  private *streamBatches(src: Iterable<T>): IterableIterator<B> {
    const batcher = this.batcher();
    for (const item of src) yield* batcher.add(item);
    yield* batcher.finish();
  }

  private async *asyncStreamBatches(src: Iterable<T> | AsyncIterable<T>): AsyncIterableIterator<B> {
    const batcher = this.batcher();
    for await (const item of src) yield* batcher.add(item);
    yield* batcher.finish();
  }
}
