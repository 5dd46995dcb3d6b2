/**
 * Datasets and the DataLoader: batching, dropLast, seeded shuffling (reproducible, new order each
 * epoch), the TensorDataset row-copy fast path against per-item collation, async iteration over
 * async datasets and streams, randomSplit, and collate's error messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Tensor, ArgumentError, IndexError, ShapeError, ArrayDataset, DataLoader, Generator, Subset, TensorDataset,
  arange, defaultCollate, randn, randomSplit, tensor, transpose,
} from '../../src/index.js';

const int32 = (v: number[]): Tensor => tensor(v, { dtype: 'int32' });
const ids = (batches: Iterable<[Tensor, Tensor]>): number[][] => [...batches].map(([, y]) => y.toFlatArray());

function dataset(n: number): TensorDataset<[Tensor, Tensor]> {
  return new TensorDataset(arange(n * 3, undefined, 1, { dtype: 'float32' }).reshape([n, 3]), arange(n));
}

test('batches in order, last batch short unless dropLast; length counts batches', () => {
  const ds = dataset(10);
  const loader = new DataLoader(ds, { batchSize: 4 });
  assert.equal(loader.length, 3);
  assert.deepEqual(ids(loader), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  const [x] = [...loader][0]!;
  assert.deepEqual(x.shape, [4, 3]);
  assert.deepEqual((x.toArray() as number[][])[1], [3, 4, 5]);
  const dropped = new DataLoader(ds, { batchSize: 4, dropLast: true });
  assert.equal(dropped.length, 2);
  assert.deepEqual(ids(dropped), [[0, 1, 2, 3], [4, 5, 6, 7]]);
  assert.equal(new DataLoader(ds).length, 10);
  assert.equal(new DataLoader(dataset(0), { batchSize: 2 }).length, 0);
  assert.deepEqual([...new DataLoader(dataset(0), { batchSize: 2 })], []);
});

test('shuffle: a permutation, new each epoch, identical for the same seed or generator state', () => {
  const ds = dataset(50);
  const a = new DataLoader(ds, { batchSize: 8, shuffle: true, seed: 7 });
  const e1 = ids(a).flat();
  const e2 = ids(a).flat();
  assert.deepEqual([...e1].sort((p, q) => p - q), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(e1, e2, 'each epoch reshuffles');
  const b = new DataLoader(ds, { batchSize: 8, shuffle: true, generator: new Generator(7) });
  assert.deepEqual(ids(b).flat(), e1);
  assert.deepEqual(ids(b).flat(), e2);
  const c = new DataLoader(ds, { batchSize: 8, shuffle: true, seed: 8 });
  assert.notDeepEqual(ids(c).flat(), e1);
  // x rows travel with their labels
  for (const [x, y] of a) assert.deepEqual(x.toArray(), y.toFlatArray().map((i) => [3 * i, 3 * i + 1, 3 * i + 2]));
  assert.throws(() => new DataLoader(ds, { seed: 1, generator: new Generator(1) }), ArgumentError);
});

test('the row-copy fast path equals per-item collation, also through Subset and for strided tensors', () => {
  const x = randn([20, 2, 3], { generator: new Generator(3) });
  const y = arange(20);
  const fast = new DataLoader(new TensorDataset(x, y), { batchSize: 6, shuffle: true, seed: 1 });
  const slow = new DataLoader(new TensorDataset(x, y), { batchSize: 6, shuffle: true, seed: 1, collate: (items) => defaultCollate(items) });
  const f = [...fast];
  const s = [...slow];
  assert.equal(f.length, s.length);
  f.forEach(([fx, fy], i) => {
    assert.deepEqual(fx.toArray(), s[i]![0].toArray());
    assert.deepEqual(fy.toArray(), s[i]![1].toArray());
    assert.equal(fy.dtype, 'int32');
  });
  const sub = new Subset(new TensorDataset(x, y), [5, 3, 19]);
  assert.ok(sub.getBatch, 'a Subset of a TensorDataset keeps the fast path');
  const [sx, sy] = [...new DataLoader(sub, { batchSize: 3 })][0]!;
  assert.deepEqual(sy.toArray(), [5, 3, 19]);
  assert.deepEqual((sx.toArray() as number[][])[2], (x.toArray() as number[][])[19]);
  const xt = transpose(randn([3, 8]), 0, 1); // (8, 3), not contiguous
  const [bx] = [...new DataLoader(new TensorDataset(xt), { batchSize: 8 })][0]!;
  assert.deepEqual(bx.toArray(), xt.toArray());
});

test('async iteration: same batches as sync; async datasets are awaited; sync iteration refuses them', async () => {
  const ds = dataset(9);
  const loader = new DataLoader(ds, { batchSize: 4, shuffle: true, seed: 5 });
  const syncIds = ids(loader);
  const asyncIds: number[][] = [];
  const again = new DataLoader(ds, { batchSize: 4, shuffle: true, seed: 5 });
  for await (const [, y] of again) asyncIds.push(y.toFlatArray());
  assert.deepEqual(asyncIds, syncIds);
  const slow = {
    length: 5,
    get: async (i: number): Promise<{ v: number; tag: string }> => {
      await new Promise((r) => setTimeout(r, 1));
      return { v: i * 2, tag: `#${i}` };
    },
  };
  const asyncLoader = new DataLoader(slow, { batchSize: 2 });
  const seen: { v: number[]; tag: string[] }[] = [];
  for await (const b of asyncLoader) seen.push({ v: b.v.toFlatArray(), tag: b.tag });
  assert.deepEqual(seen, [{ v: [0, 2], tag: ['#0', '#1'] }, { v: [4, 6], tag: ['#2', '#3'] }, { v: [8], tag: ['#4'] }]);
  assert.throws(() => [...new DataLoader(slow as never, { batchSize: 2 })], /for await/);
  // a failing read surfaces at its batch; the prefetched batch after a break is not an unhandled rejection
  const failing = { length: 6, get: async (i: number): Promise<number> => { if (i >= 2) throw new Error(`read ${i} failed`); return i; } };
  await assert.rejects(async () => {
    for await (const b of new DataLoader(failing, { batchSize: 2 })) assert.ok(b.numel > 0);
  }, /read 2 failed/);
  for await (const b of new DataLoader(failing, { batchSize: 2 })) {
    assert.deepEqual(b.toArray(), [0, 1]);
    break;
  }
});

test('streams: iterables and async generators batch in order, seeded shuffle buffer, no length', async () => {
  function* numbers(): IterableIterator<number> {
    for (let i = 0; i < 7; i++) yield i;
  }
  const batches = [...new DataLoader(numbers(), { batchSize: 3 })].map((t) => t.toFlatArray());
  assert.deepEqual(batches, [[0, 1, 2], [3, 4, 5], [6]]);
  assert.throws(() => new DataLoader(numbers()).length, /streaming source has no length/);
  async function* remote(): AsyncGenerator<[number, boolean]> {
    for (let i = 0; i < 5; i++) yield [i, i % 2 === 0];
  }
  const got: [number[], boolean[]][] = [];
  for await (const [v, even] of new DataLoader(remote(), { batchSize: 2, dropLast: true })) got.push([v.toFlatArray(), even.toArray() as boolean[]]);
  assert.deepEqual(got, [[[0, 1], [true, false]], [[2, 3], [true, false]]]);
  assert.throws(() => [...new DataLoader(remote())], /for await/);
  const shuffled = (seed: number): number[] => [...new DataLoader(Array.from({ length: 40 }, (_, i) => i), { batchSize: 5, shuffle: true, shuffleBuffer: 8, seed })].flatMap((t) => t.toFlatArray());
  const s1 = shuffled(1);
  assert.deepEqual([...s1].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
  assert.notDeepEqual(s1, Array.from({ length: 40 }, (_, i) => i));
  assert.deepEqual(shuffled(1), s1);
});

test('datasets: map, Subset, ArrayDataset, bad indices and mismatched tensors', () => {
  const ds = new TensorDataset(tensor([[1, 2], [3, 4]]), int32([7, 8]));
  const [x, y] = ds.get(1);
  assert.deepEqual([x.toArray(), y.item()], [[3, 4], 8]);
  const doubled = ds.map(([a, b]) => ({ a: a.mul(2), b }));
  assert.deepEqual(doubled.get(0).a.toArray(), [2, 4]);
  const [batch] = [...new DataLoader(doubled, { batchSize: 2 })];
  assert.deepEqual(batch!.a.toArray(), [[2, 4], [6, 8]]);
  assert.deepEqual([...new ArrayDataset([1, 2, 3]).map((v) => v + 1)], [2, 3, 4]);
  assert.throws(() => ds.get(2), IndexError);
  assert.throws(() => new Subset(ds, [0, 5]), /index 5 out of range for a dataset of length 2/);
  assert.throws(() => new TensorDataset(tensor([1, 2]), tensor([1, 2, 3])), ShapeError);
  assert.throws(() => new DataLoader(ds, { batchSize: 0 }), /batchSize must be a positive integer/);
  assert.throws(() => new DataLoader(42 as never), /must be a dataset/);
  assert.equal(new DataLoader(ds).dataset, ds);
});

test('randomSplit: counts or fractions, disjoint, covering, seeded', () => {
  const ds = new ArrayDataset(Array.from({ length: 10 }, (_, i) => i));
  const parts = randomSplit(ds, [0.7, 0.2, 0.1], new Generator(2));
  assert.deepEqual(parts.map((p) => p.length), [7, 2, 1]);
  const all = parts.flatMap((p) => [...p]);
  assert.deepEqual([...all].sort((a, b) => a - b), [...ds]);
  const again = randomSplit(ds, [0.7, 0.2, 0.1], new Generator(2));
  assert.deepEqual(again.map((p) => [...p]), parts.map((p) => [...p]));
  assert.deepEqual(randomSplit(ds, [0.5, 0.5], new Generator(0)).map((p) => p.length), [5, 5]);
  assert.deepEqual(randomSplit(new ArrayDataset([1, 2, 3]), [0.5, 0.5], new Generator(0)).map((p) => p.length), [2, 1]);
  assert.deepEqual(randomSplit(ds, [3, 7], new Generator(0)).map((p) => p.length), [3, 7]);
  assert.throws(() => randomSplit(ds, [3, 3]), /sum to 6, the dataset has 10 items/);
  assert.throws(() => randomSplit(ds, [-1, 11]), ArgumentError);
});

test('collate: nested structures, numbers as float32, clear errors', () => {
  const b = defaultCollate([{ x: tensor([1, 2]), label: 3, name: 'a' }, { x: tensor([3, 4]), label: 4, name: 'b' }]);
  assert.deepEqual(b.x.toArray(), [[1, 2], [3, 4]]);
  assert.equal(b.label.dtype, 'float32');
  assert.deepEqual(b.name, ['a', 'b']);
  assert.throws(() => defaultCollate([tensor([1, 2]), tensor([1, 2, 3])]), /item 1 has shape \[3\], item 0 has \[2\]/);
  assert.throws(() => defaultCollate([1, 'x'] as unknown[]), /item 1 is string, item 0 is number/);
  assert.throws(() => defaultCollate([new Map()]), /cannot batch items of type Map/);
  assert.throws(() => defaultCollate([]), ArgumentError);
});
