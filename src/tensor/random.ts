/**
 * Seedable random numbers: xoshiro128** (32-bit state words, exact in JS integer arithmetic),
 * seeded through splitmix32. Same seed, same numbers, bit for bit, on every machine and backend.
 */
import { ArgumentError } from '../errors.js';

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator's position: the four xoshiro128** words and the cached second normal (or null). */
export interface GeneratorState {
  state: [number, number, number, number];
  spare: number | null;
}

/** A random stream. Pass one to creation functions (`rand(shape, { generator })`) for private streams. */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | undefined;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new ArgumentError(`manualSeed: seed must be a finite number, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 2 ** 32) >>> 0;
    const sm = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = undefined;
    return this;
  }

  /**
   * The stream's position as plain numbers (JSON-safe), for checkpoints. `setState` of it makes
   * this or another generator continue with exactly the same draws.
   * @example
   * const g = new Generator(7);
   * const saved = g.getState();
   * const a = g.nextFloat();
   * g.setState(saved);
   * g.nextFloat() === a // true
   */
  getState(): GeneratorState {
    return { state: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare ?? null };
  }

  /** Restores a position saved by `getState` (validated: four uint32 words, not all zero). */
  setState(state: GeneratorState): this {
    const words = (state as { state?: unknown } | null)?.state;
    const isWord = (w: unknown): w is number => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < 2 ** 32;
    if (!Array.isArray(words) || words.length !== 4 || !words.every(isWord) || words.every((w) => w === 0)) {
      throw new ArgumentError('setState: state must be four uint32 words, not all zero (from Generator.getState())');
    }
    const spare: unknown = state.spare;
    if (spare !== null && spare !== undefined && !(typeof spare === 'number' && Number.isFinite(spare))) {
      throw new ArgumentError(`setState: spare must be a finite number or null, got ${String(spare)}`);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    this.spare = spare ?? undefined;
    return this;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  nextNormal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [low, high). */
  nextInt(low: number, high: number): number {
    return low + Math.floor(this.nextFloat() * (high - low));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The generator used when none is passed. */
export const defaultGenerator = new Generator(0);

/**
 * Seeds the default generator: every later rand/randn/randint/init draw is reproducible.
 * @example manualSeed(42); const a = randn([3]); manualSeed(42); randn([3]) // equals a
 */
export function manualSeed(seed: number): void {
  defaultGenerator.manualSeed(seed);
}
