/**
 * pad: PyTorch's F.pad. 'constant' is the padConstant primitive; 'reflect', 'replicate' and
 * 'circular' are composed from slice, flip, expand and cat, so their gradients come free.
 * Negative pads crop first (as in PyTorch); the remaining positive pads then read the cropped tensor.
 */
import { ArgumentError, fmtShape } from '../../../errors.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { cat } from '../../primitives/cat.js';
import { expand } from '../../primitives/expand.js';
import { flip } from '../../primitives/flip.js';
import { padConstant } from '../../primitives/pad_constant.js';
import { slice } from '../../primitives/slice.js';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

const MODES: readonly PadMode[] = ['constant', 'reflect', 'replicate', 'circular'];

/** The edge strips [before, after] for one dim of size n (non-negative pads). */
function strips(x: Tensor, d: number, before: number, after: number, mode: Exclude<PadMode, 'constant'>): [Tensor, Tensor] {
  const n = x.shape[d]!;
  const sizeAt = (k: number): number[] => x.shape.map((s, j) => (j === d ? k : s));
  switch (mode) {
    case 'reflect': // mirror without repeating the edge: [c b | a b c d | c b]
      return [flip(slice(x, d, 1, before + 1), d), flip(slice(x, d, n - 1 - after, n - 1), d)];
    case 'replicate': // repeat the edge: [a a | a b c d | d d]
      return [expand(slice(x, d, 0, 1), sizeAt(before)), expand(slice(x, d, n - 1, n), sizeAt(after))];
    case 'circular': // wrap around: [c d | a b c d | a b]
      return [slice(x, d, n - before, n), slice(x, d, 0, after)];
  }
}

/** PyTorch's limits for the non-constant modes; `n` is the dim's size after cropping. */
function checkLimits(x: Tensor, d: number, n: number, [before, after]: readonly [number, number], mode: PadMode, pads: readonly number[]): void {
  const bad = (why: string): ArgumentError =>
    new ArgumentError(`pad: ${mode} padding [${pads.join(',')}] ${why} at dim ${d} of size ${n} (input ${fmtShape(x.shape)})`);
  if (mode === 'reflect' && (before >= n || after >= n)) throw bad('must be smaller than the dim size');
  if (mode === 'replicate' && n === 0 && before + after > 0) throw bad('cannot replicate an empty dim');
  if (mode === 'circular' && (before > n || after > n)) throw bad('wraps around more than once');
}

/**
 * Pads x. `pads` lists [before, after] pairs starting from the LAST dim, as in PyTorch:
 * [left, right] pads dim -1, [left, right, top, bottom] pads dims -1 and -2, and so on.
 * Negative entries crop. Modes: 'constant' fills with `value`; 'reflect' mirrors without the edge
 * (each pad < the dim size); 'replicate' repeats the edge; 'circular' wraps (each pad ≤ dim size).
 * x: (..., H, W) -> (..., H + top + bottom, W + left + right).
 * @example pad(tensor([1, 2, 3]), [2, 1], 'reflect').toArray() // [3, 2, 1, 2, 3, 2]
 * @example pad(zeros([1, 2, 2]), [1, 1, 0, 2]).shape // [1, 4, 4]
 */
export function pad(x: Tensor, pads: readonly number[], mode: PadMode = 'constant', value = 0): Tensor {
  if (!MODES.includes(mode)) throw new ArgumentError(`pad: unknown mode '${String(mode)}' (expected one of ${MODES.join(', ')})`);
  if (pads.length % 2 !== 0) throw new ArgumentError(`pad: padding length must be even, got [${pads.join(',')}]`);
  if (pads.length > 2 * x.ndim) {
    throw new ArgumentError(`pad: padding [${pads.join(',')}] has ${pads.length / 2} pairs but input ${fmtShape(x.shape)} has only ${x.ndim} dims`);
  }
  if (pads.some((p) => !Number.isInteger(p))) throw new ArgumentError(`pad: pads must be integers, got [${pads.join(',')}]`);
  // pairs[d] = [before, after] for dim d, in dim order
  const pairs = x.shape.map((_, d): [number, number] => {
    const k = x.ndim - 1 - d;
    return 2 * k < pads.length ? [pads[2 * k]!, pads[2 * k + 1]!] : [0, 0];
  });
  pairs.forEach(([b, a], d) => {
    if (Math.max(0, -b) + Math.max(0, -a) > x.shape[d]!) {
      throw new ArgumentError(`pad: padding [${pads.join(',')}] crops more than dim ${d} of input ${fmtShape(x.shape)} holds`);
    }
  });
  if (mode === 'constant') return padConstant(x, pairs, value);
  if (value !== 0) throw new ArgumentError(`pad: mode '${mode}' does not take a fill value (got ${value})`);
  const crops = pairs.map(([b, a]) => [Math.min(0, b), Math.min(0, a)] as [number, number]);
  const grows = pairs.map(([b, a]) => [Math.max(0, b), Math.max(0, a)] as [number, number]);
  grows.forEach((g, d) => {
    if (g[0] > 0 || g[1] > 0) checkLimits(x, d, x.shape[d]! + crops[d]![0] + crops[d]![1], g, mode, pads);
  });
  // crop the negative pads away, then grow each padded dim, from the last one
  let y = padConstant(x, crops, 0);
  for (let d = y.ndim - 1; d >= 0; d--) {
    const [before, after] = grows[d]!;
    if (before === 0 && after === 0) continue;
    const [head, tail] = strips(y, d, before, after, mode);
    y = cat([head, y, tail], d);
  }
  return y;
}
