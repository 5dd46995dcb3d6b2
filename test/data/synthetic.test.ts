/** Toy data sets: shapes, dtypes, class balance, geometry, and bit-for-bit determinism per seed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentError, Generator, type SyntheticData, blobs, circles, moons, spirals, xor } from '../../src/index.js';

const points = (d: SyntheticData): [number, number][] => d.x.toArray() as [number, number][];
const labels = (d: SyntheticData): number[] => d.y.toFlatArray();
const countOf = (d: SyntheticData, c: number): number => labels(d).filter((v) => v === c).length;

test('every set: x (N, 2) float32, y (N) int32, same seed same bits, other seed other points', () => {
  const makers: [string, (n: number, seed: number) => SyntheticData][] = [
    ['xor', (n, seed) => xor(n, { seed, noise: 0.1 })],
    ['moons', (n, seed) => moons(n, { seed, noise: 0.1 })],
    ['circles', (n, seed) => circles(n, { seed, noise: 0.05, factor: 0.5 })],
    ['spirals', (n, seed) => spirals(n, { seed, noise: 0.05, classes: 3, turns: 1.5 })],
    ['blobs', (n, seed) => blobs(n, { seed, centers: 4 })],
  ];
  for (const [name, make] of makers) {
    const a = make(101, 3);
    assert.deepEqual([a.x.shape, a.x.dtype, a.y.shape, a.y.dtype], [[101, 2], 'float32', [101], 'int32'], name);
    assert.deepEqual(make(101, 3).x.data, a.x.data, `${name}: not reproducible`);
    assert.deepEqual(make(101, 3).y.data, a.y.data, name);
    assert.notDeepEqual(make(101, 4).x.data, a.x.data, `${name}: seed ignored`);
    assert.deepEqual(make(0, 1).x.shape, [0, 2], name);
  }
  const g = new Generator(9);
  const first = moons(10, { generator: g });
  assert.notDeepEqual(moons(10, { generator: g }).x.data, first.x.data, 'a shared generator advances');
});

test('geometry and class balance without noise', () => {
  const c = circles(100, { factor: 0.3, seed: 0 });
  points(c).forEach(([px, py], i) => assert.ok(Math.abs(Math.hypot(px, py) - (labels(c)[i] === 0 ? 1 : 0.3)) < 1e-6));
  assert.deepEqual([countOf(c, 0), countOf(c, 1)], [50, 50]);
  const m = moons(11, { seed: 0, shuffle: false });
  assert.deepEqual(labels(m), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(points(m)[0], [1, 0]);
  const x = xor(200, { seed: 1 });
  points(x).forEach(([px, py], i) => assert.equal(labels(x)[i], px * py < 0 ? 1 : 0));
  const s = spirals(10, { classes: 3, seed: 0 });
  assert.deepEqual([countOf(s, 0), countOf(s, 1), countOf(s, 2)], [4, 3, 3]);
  points(s).forEach(([px, py]) => assert.ok(Math.hypot(px, py) <= 1 + 1e-6));
  const b = blobs(300, { centers: [[-5, 0], [5, 0]], std: 0.5, seed: 2 });
  points(b).forEach(([px], i) => assert.equal(px > 0 ? 1 : 0, labels(b)[i]));
});

test('bad arguments', () => {
  assert.throws(() => moons(-1), ArgumentError);
  assert.throws(() => moons(2.5), /n must be an integer >= 0/);
  assert.throws(() => xor(4, { noise: -1 }), /noise must be a non-negative number/);
  assert.throws(() => circles(4, { factor: 1.5 }), /factor must be in \(0, 1\)/);
  assert.throws(() => spirals(4, { classes: 0 }), /classes must be a positive integer/);
  assert.throws(() => blobs(4, { centers: [] }), /non-empty list/);
  assert.throws(() => blobs(4, { seed: 1, generator: new Generator(1) }), /either generator or seed/);
});
