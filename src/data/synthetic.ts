/**
 * Seeded 2-d toy datasets for classification demos and tests: xor, moons, circles, spirals and
 * blobs (after scikit-learn's make_moons/make_circles/make_blobs). Each returns x (N, 2) float32
 * and y (N) int32. Same seed, same points, bit for bit.
 */
import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { Generator } from '../tensor/random.js';
import { type SeedOptions, permutation, resolveGenerator } from './rng.js';

export interface SyntheticOptions extends SeedOptions {
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Shuffle the points (default true); false keeps them grouped by class. */
  shuffle?: boolean;
}

/** A labelled point set: x (N, 2) float32, y (N) int32 class ids. */
export interface SyntheticData {
  x: Tensor;
  y: Tensor;
}

/** Collects points, then adds noise, shuffles (both from `g`) and packs them into tensors. */
function finish(op: string, points: number[], labels: number[], opts: SyntheticOptions, g: Generator): SyntheticData {
  const noise = opts.noise ?? 0;
  if (!Number.isFinite(noise) || noise < 0) throw new ArgumentError(`${op}: noise must be a non-negative number, got ${noise}`);
  const n = labels.length;
  if (noise > 0) for (let i = 0; i < 2 * n; i++) points[i]! += noise * g.nextNormal();
  const order = opts.shuffle ?? true ? permutation(n, g) : Int32Array.from({ length: n }, (_, i) => i);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  order.forEach((src, i) => {
    x[2 * i] = points[2 * src]!;
    x[2 * i + 1] = points[2 * src + 1]!;
    y[i] = labels[src]!;
  });
  return { x: new Tensor(x, [n, 2], 'float32'), y: new Tensor(y, [n], 'int32') };
}

function checkN(op: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min) throw new ArgumentError(`${op}: n must be an integer >= ${min}, got ${n}`);
}

/** `count` evenly spaced values in [0, end), or [0, end] when `isClosed`. */
function spaced(count: number, end: number, isClosed: boolean): number[] {
  const div = isClosed ? Math.max(1, count - 1) : Math.max(1, count);
  return Array.from({ length: count }, (_, i) => (end * i) / div);
}

/**
 * XOR: points uniform in [-1, 1]², label 1 where the two coordinates have opposite signs.
 * @example xor(8, { seed: 0 }).x.shape // [8, 2]
 */
export function xor(n: number, opts: SyntheticOptions = {}): SyntheticData {
  checkN('xor', n);
  const g = resolveGenerator('xor', opts);
  const points: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = 2 * g.nextFloat() - 1;
    const b = 2 * g.nextFloat() - 1;
    points.push(a, b);
    labels.push(a * b < 0 ? 1 : 0);
  }
  return finish('xor', points, labels, opts, g);
}

/**
 * Two interleaving half circles (scikit-learn's make_moons): floor(n/2) points of class 0 on the
 * upper moon, the rest of class 1 on the lower one.
 * @example moons(10, { seed: 0, shuffle: false }).y.toArray() // [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
 */
export function moons(n: number, opts: SyntheticOptions = {}): SyntheticData {
  checkN('moons', n);
  const g = resolveGenerator('moons', opts);
  const nOut = Math.floor(n / 2);
  const points: number[] = [];
  const labels: number[] = [];
  for (const t of spaced(nOut, Math.PI, true)) {
    points.push(Math.cos(t), Math.sin(t));
    labels.push(0);
  }
  for (const t of spaced(n - nOut, Math.PI, true)) {
    points.push(1 - Math.cos(t), 0.5 - Math.sin(t));
    labels.push(1);
  }
  return finish('moons', points, labels, opts, g);
}

/**
 * A circle of radius 1 (class 0, floor(n/2) points) around one of radius `factor` (class 1), as in
 * scikit-learn's make_circles.
 * @example circles(6, { factor: 0.5, seed: 0 }).y.sum().item() // 3
 */
export function circles(n: number, opts: SyntheticOptions & { factor?: number } = {}): SyntheticData {
  checkN('circles', n);
  const factor = opts.factor ?? 0.8;
  if (!(factor > 0 && factor < 1)) throw new ArgumentError(`circles: factor must be in (0, 1), got ${factor}`);
  const g = resolveGenerator('circles', opts);
  const nOut = Math.floor(n / 2);
  const points: number[] = [];
  const labels: number[] = [];
  for (const t of spaced(nOut, 2 * Math.PI, false)) {
    points.push(Math.cos(t), Math.sin(t));
    labels.push(0);
  }
  for (const t of spaced(n - nOut, 2 * Math.PI, false)) {
    points.push(factor * Math.cos(t), factor * Math.sin(t));
    labels.push(1);
  }
  return finish('circles', points, labels, opts, g);
}

/**
 * `classes` interleaved spiral arms (cs231n's spiral data): arm c has about n/classes points at
 * radius r in [0, 1] and angle 2π·(turns·r + c/classes).
 * @example spirals(9, { classes: 3, seed: 0 }).y.max().item() // 2
 */
export function spirals(n: number, opts: SyntheticOptions & { classes?: number; turns?: number } = {}): SyntheticData {
  checkN('spirals', n);
  const classes = opts.classes ?? 2;
  const turns = opts.turns ?? 1;
  if (!Number.isInteger(classes) || classes < 1) throw new ArgumentError(`spirals: classes must be a positive integer, got ${classes}`);
  if (!Number.isFinite(turns) || turns <= 0) throw new ArgumentError(`spirals: turns must be a positive number, got ${turns}`);
  const g = resolveGenerator('spirals', opts);
  const points: number[] = [];
  const labels: number[] = [];
  for (let c = 0; c < classes; c++) {
    // the first n % classes arms get one point more
    const count = Math.floor(n / classes) + (c < n % classes ? 1 : 0);
    for (const r of spaced(count, 1, true)) {
      const angle = 2 * Math.PI * (turns * r + c / classes);
      points.push(r * Math.cos(angle), r * Math.sin(angle));
      labels.push(c);
    }
  }
  return finish('spirals', points, labels, opts, g);
}

/**
 * Isotropic Gaussian blobs (scikit-learn's make_blobs): `centers` is a count (centres drawn
 * uniformly in `box`, default [-10, 10]²) or explicit [x, y] centres; each class gets about
 * n/centers points with standard deviation `std` (default 1). `noise` adds on top of `std`.
 * @example blobs(6, { centers: [[0, 0], [5, 5]], std: 0.1, seed: 0 }).x.shape // [6, 2]
 */
export function blobs(
  n: number,
  opts: SyntheticOptions & { centers?: number | readonly (readonly [number, number])[]; std?: number; box?: readonly [number, number] } = {},
): SyntheticData {
  checkN('blobs', n);
  const std = opts.std ?? 1;
  if (!Number.isFinite(std) || std < 0) throw new ArgumentError(`blobs: std must be a non-negative number, got ${std}`);
  const g = resolveGenerator('blobs', opts);
  const spec = opts.centers ?? 3;
  let centers: (readonly [number, number])[];
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 1) throw new ArgumentError(`blobs: centers must be a positive integer or a list of [x, y], got ${spec}`);
    const [lo, hi] = opts.box ?? [-10, 10];
    centers = Array.from({ length: spec }, () => [lo + (hi - lo) * g.nextFloat(), lo + (hi - lo) * g.nextFloat()] as const);
  } else {
    if (spec.length === 0 || spec.some((c) => c.length !== 2 || !c.every(Number.isFinite))) {
      throw new ArgumentError('blobs: centers must be a non-empty list of finite [x, y] pairs');
    }
    centers = [...spec];
  }
  const points: number[] = [];
  const labels: number[] = [];
  centers.forEach(([cx, cy], c) => {
    const count = Math.floor(n / centers.length) + (c < n % centers.length ? 1 : 0);
    for (let i = 0; i < count; i++) {
      points.push(cx + std * g.nextNormal(), cy + std * g.nextNormal());
      labels.push(c);
    }
  });
  return finish('blobs', points, labels, opts, g);
}
