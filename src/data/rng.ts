/**
 * Seeded randomness shared by the data files: which generator to use, and random permutations.
 * Internal: not exported from the package.
 */
import { ArgumentError } from '../errors.js';
import { Generator, defaultGenerator } from '../tensor/random.js';

/** How callers pick a random stream: their own Generator, a seed, or neither (the default one). */
export interface SeedOptions {
  /** A private random stream; it advances with each draw. */
  generator?: Generator;
  /** Shorthand for `generator: new Generator(seed)`. */
  seed?: number;
}

/** The generator an options object asks for: `generator`, else a fresh one from `seed`, else the default. */
export function resolveGenerator(op: string, opts: SeedOptions): Generator {
  if (opts.generator !== undefined && opts.seed !== undefined) {
    throw new ArgumentError(`${op}: pass either generator or seed, not both`);
  }
  if (opts.generator !== undefined) return opts.generator;
  return opts.seed !== undefined ? new Generator(opts.seed) : defaultGenerator;
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates, drawing from `g`). */
export function permutation(n: number, g: Generator): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextInt(0, i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
