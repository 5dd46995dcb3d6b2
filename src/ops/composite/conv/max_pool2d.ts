/**
 * 2-d max pooling over NCHW: im2col with -inf padding, argmax over each window, then gather.
 * Gathering (rather than amax) sends the whole gradient to the first maximum of each window,
 * exactly like PyTorch; gather's backward is a scatter-add, so overlapping windows accumulate.
 * NOTE: a window with several NaNs reports the first one's index (PyTorch's CPU kernel: the last).
 */
import { isGradEnabled } from '../../../autograd/grad_mode.js';
import { ArgumentError, DTypeError, fmtShape } from '../../../errors.js';
import type { WindowParams } from '../../../backend/kernel_types.js';
import { fusedKernels, isDense, unfilled } from '../../../backend/native/fused.js';
import { arange } from '../../../tensor/create.js';
import { isFloating } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/tensor.js';
import { compositeVjp, dense, needsGraph } from '../../fused.js';
import { record } from '../../primitive.js';
import { argmax } from '../../primitives/argmax.js';
import { expand } from '../../primitives/expand.js';
import { gather } from '../../primitives/gather.js';
import { im2col } from '../../primitives/im2col.js';
import { reshape } from '../../primitives/reshape.js';
import { type Pair, ceilExtra, checkOut, padBottomRight, pair, poolOut, toBatched } from './conv_options.js';

/** Options of maxPool2d (PyTorch's names and defaults). */
export interface MaxPool2dOptions {
  /** Window step (default: kernelSize). */
  stride?: Pair;
  /** Implicit -inf padding on each side, at most half the (dilated) kernel (default 0). */
  padding?: Pair;
  /** Spacing between window taps (default 1). */
  dilation?: Pair;
  /** Round the output size up, adding a partial window at the end when it starts inside the input (default false). */
  ceilMode?: boolean;
  /** Also return the argmax positions (default false). */
  returnIndices?: boolean;
}

/** Pooled values [N, C, oh, ow] and the int32 flat index (y·W + x) of each maximum in its H·W plane. */
export interface MaxPoolResult {
  values: Tensor;
  indices: Tensor;
}

/** Parsed window options of a pooling op, with PyTorch's checks. */
export function poolParams(
  op: string, kernelSize: Pair, stride: Pair | undefined, padding: Pair | undefined, dilation: Pair | undefined, dilatedLimit: boolean,
): WindowParams {
  const kernel = pair(op, 'kernelSize', kernelSize, 1);
  const p: WindowParams = {
    kernel,
    stride: pair(op, 'stride', stride ?? kernel, 1),
    padding: pair(op, 'padding', padding ?? 0, 0),
    dilation: pair(op, 'dilation', dilation ?? 1, 1),
  };
  // PyTorch: max pooling allows half the dilated kernel, avg pooling half the kernel
  const limit = (i: 0 | 1): number => (dilatedLimit ? ((kernel[i] - 1) * p.dilation[i] + 1) / 2 : Math.floor(kernel[i] / 2));
  if (p.padding[0] > limit(0) || p.padding[1] > limit(1)) {
    throw new ArgumentError(`${op}: padding ${fmtShape(p.padding)} should be at most half of the ${dilatedLimit ? 'effective ' : ''}kernel size ${fmtShape(kernel)}${dilatedLimit ? ` (dilation ${fmtShape(p.dilation)})` : ''}`);
  }
  return p;
}

/** Output size and the bottom/right extra that ceil mode needs, validated. */
export function poolGeometry(op: string, what: string, hw: readonly [number, number], p: WindowParams, ceilMode: boolean): { out: [number, number]; extra: [number, number] } {
  const size = (i: 0 | 1): number => poolOut(hw[i], p.kernel[i], p.stride[i], p.padding[i], p.dilation[i], ceilMode);
  const out: [number, number] = [size(0), size(1)];
  checkOut(op, what, p, out);
  return { out, extra: ceilExtra(hw, p, out) };
}

/**
 * 2-d max pooling: the largest value of each (dilated) window.
 * @param x input [N, C, H, W] (or unbatched [C, H, W])
 * @param kernelSize window size, one value or [kh, kw]
 * @returns [N, C, oh, ow]; with `returnIndices`, `{ values, indices }` where indices (int32, same
 *   shape) are flat positions y·W + x in each input plane, as PyTorch's max_pool2d returns them
 * @example maxPool2d(tensor([[[[1, 2], [3, 4]]]]), 2).toArray() // [[[[4]]]]
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, opts?: MaxPool2dOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(x: Tensor, kernelSize: Pair, opts: MaxPool2dOptions & { returnIndices: true }): MaxPoolResult;
export function maxPool2d(x: Tensor, kernelSize: Pair, opts: MaxPool2dOptions = {}): Tensor | MaxPoolResult {
  const p = poolParams('maxPool2d', kernelSize, opts.stride, opts.padding, opts.dilation, true);
  const [xb, unbatch] = toBatched('maxPool2d', x, 2);
  const r = maxPoolCore('maxPool2d', `input ${fmtShape(x.shape)}`, xb, p, opts);
  return r instanceof Tensor ? unbatch(r) : { values: unbatch(r.values), indices: unbatch(r.indices) };
}

/**
 * Max pooling of a batched [N,C,H,W] input with parsed window params; `op` and `what` (the
 * caller's shapes) go into error messages, so maxPool1d reports its own name.
 */
export function maxPoolCore(op: string, what: string, x: Tensor, p: WindowParams, opts: MaxPool2dOptions): Tensor | MaxPoolResult {
  if (x.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported; cast first`);
  const [, , H, W] = x.shape as [number, number, number, number];
  const { out, extra } = poolGeometry(op, what, [H, W], p, opts.ceilMode ?? false);
  const fused = fusedPool(x, p, out, opts);
  if (fused) return fused;
  return compositePool(x, p, out, extra, opts);
}

/** The composite: im2col with -inf padding, argmax over each window, gather. */
function compositePool(x: Tensor, p: WindowParams, out: readonly [number, number], extra: readonly [number, number], opts: MaxPool2dOptions): Tensor | MaxPoolResult {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const K = p.kernel[0] * p.kernel[1];
  const L = out[0] * out[1];
  const low = isFloating(x.dtype) ? -Infinity : -2147483648;
  // [N, C, kh·kw, L]: one window per column
  const cols = reshape(im2col(padBottomRight(x, extra, low), p, low), [N, C, K, L]);
  const idx = argmax(cols, 2, true);
  const values = reshape(gather(cols, 2, idx), [N, C, out[0], out[1]]);
  if (!opts.returnIndices) return values;
  // the same windows over a table of flat positions (-1 in the padding) pick the indices
  const table = im2col(padBottomRight(reshape(arange(H * W), [1, 1, H, W]), extra, -1), p, -1);
  const indices = gather(expand(reshape(table, [1, 1, K, L]), [N, C, K, L]), 2, idx);
  return { values, indices: reshape(indices, [N, C, out[0], out[1]]) };
}

/**
 * Fused native max pooling of a dense float tensor: one pass computing each window's maximum and
 * its flat index (the composite's tie and NaN rules, padded cells as -inf at index -1); backward
 * scatters dy to those indices. Undefined when the native kernels cannot take x.
 */
function fusedPool(x: Tensor, p: WindowParams, out: readonly [number, number], opts: MaxPool2dOptions): Tensor | MaxPoolResult | undefined {
  const f = fusedKernels();
  if (!f || (x.dtype !== 'float32' && x.dtype !== 'float64') || !isDense(x)) return undefined;
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const geometry = [N, C, H, W, ...p.kernel, ...p.stride, ...p.padding, ...p.dilation, out[0], out[1]];
  // the kernels overwrite every element of their outputs: no zero-fill (unfilled)
  const y = new Tensor(unfilled([N, C, out[0], out[1]], x.dtype as 'float32'), [N, C, out[0], out[1]], x.dtype);
  type FA = Float32Array | Float64Array;
  if (!opts.returnIndices && !(isGradEnabled() && x.requiresGrad)) {
    // nothing will backpropagate (inference): the values alone, no index array
    f.maxPool2dForward(x.data as FA, y.data as FA, null, ...geometry);
    return record('maxPool2d', [x], null, () => [null], y);
  }
  const idx = new Tensor(unfilled([N, C, out[0], out[1]], 'int32'), [N, C, out[0], out[1]], 'int32');
  f.maxPool2dForward(x.data as FA, y.data as FA, idx.data as Int32Array, ...geometry);
  const values = record('maxPool2d', [x], idx, ({ dy, inputs, attrs }) => {
    if (needsGraph()) return compositeVjp((a) => compositePool(a!, p, out, ceilExtraOf(a!, p, out), {}) as Tensor, inputs, dy);
    const dx = new Tensor(unfilled(x.shape, x.dtype as 'float32'), [...x.shape], x.dtype);
    f.maxPool2dBackward(dense(dy).data as FA, attrs.data as Int32Array, dx.data as FA, ...geometry);
    return [dx];
  }, y);
  return opts.returnIndices ? { values, indices: idx } : values;
}

/** The bottom/right extra of ceil mode for x (see poolGeometry). */
function ceilExtraOf(x: Tensor, p: WindowParams, out: readonly [number, number]): [number, number] {
  return ceilExtra([x.shape[2]!, x.shape[3]!], p, out);
}
