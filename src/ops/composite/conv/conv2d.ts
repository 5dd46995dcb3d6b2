/**
 * 2-d convolution (cross-correlation, like PyTorch) over NCHW, as im2col + one batched matmul
 * per group. No kernel of its own: the gradient, and the second derivative, come from im2col
 * (whose adjoint is col2im), bmm and the views.
 */
import { ArgumentError, DTypeError, ShapeError, fmtShape } from '../../../errors.js';
import type { WindowParams } from '../../../backend/kernel_types.js';
import { fusedKernels, isDense, unfilled } from '../../../backend/native/fused.js';
import { Tensor } from '../../../tensor/tensor.js';
import { compositeVjp, dense, needsGraph, reluMasked } from '../../fused.js';
import { record } from '../../primitive.js';
import { add } from '../../primitives/add.js';
import { im2col, windowOut } from '../../primitives/im2col.js';
import { reshape } from '../../primitives/reshape.js';
import { relu as reluOp } from '../elementwise/relu.js';
import { type Pair, checkOut, groupedBmm, padBottomRight, pair, parseGroups, toBatched } from './conv_options.js';

/** Options of conv2d (PyTorch's names and defaults). */
export interface Conv2dOptions {
  /** Window step, one value or [sh, sw] (default 1). */
  stride?: Pair;
  /**
   * Zero padding on each side, one value or [ph, pw] (default 0). 'valid' is 0; 'same' keeps the
   * input size (stride 1 only) and, like PyTorch, puts an odd extra pixel on the bottom/right.
   */
  padding?: Pair | 'same' | 'valid';
  /** Spacing between kernel taps (default 1). */
  dilation?: Pair;
  /** Split channels into this many independent groups (default 1; = C for depthwise). */
  groups?: number;
}

/** Symmetric padding plus the bottom/right extra that 'same' needs for an even total. */
export function resolvePadding(
  op: string, padding: Conv2dOptions['padding'], kernel: readonly [number, number],
  stride: readonly [number, number], dilation: readonly [number, number],
): { padding: [number, number]; extra: [number, number] } {
  if (padding === 'valid') return { padding: [0, 0], extra: [0, 0] };
  if (padding === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) {
      throw new ArgumentError(`${op}: padding='same' needs stride 1, got stride ${fmtShape(stride)}`);
    }
    const total = [dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1)] as const;
    const left: [number, number] = [Math.floor(total[0] / 2), Math.floor(total[1] / 2)];
    return { padding: left, extra: [total[0] - 2 * left[0], total[1] - 2 * left[1]] };
  }
  if (typeof padding === 'string') throw new ArgumentError(`${op}: padding must be a number, a pair, 'same' or 'valid', got '${padding}'`);
  return { padding: pair(op, 'padding', padding ?? 0, 0), extra: [0, 0] };
}

/** y + bias broadcast over [N, O, …spatial]. */
export function addBias(y: Tensor, bias: Tensor | null | undefined): Tensor {
  if (!bias) return y;
  return add(y, reshape(bias, [bias.shape[0]!, ...y.shape.slice(2).map(() => 1)]));
}

/**
 * 2-d convolution: out[n,o,u,v] = bias[o] + Σ_c Σ_(i,j) weight[o,c,i,j] · x[n, c, sh·u + dh·i − ph, sw·v + dw·j − pw]
 * (cross-correlation, like PyTorch and ONNX).
 * @param x input [N, C, H, W] (or unbatched [C, H, W])
 * @param weight [O, C/groups, kh, kw]
 * @param bias optional [O]
 * @returns [N, O, H_out, W_out] with H_out = floor((H + 2·ph − dh·(kh − 1) − 1) / sh) + 1
 * @example conv2d(ones([1, 1, 4, 4]), ones([2, 1, 3, 3]), null, { padding: 1 }).shape // [1, 2, 4, 4]
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  const what = `input ${fmtShape(x.shape)}, weight ${fmtShape(weight.shape)}`;
  if (x.ndim !== 3 && x.ndim !== 4) throw new ShapeError(`conv2d: expected a 3-d [C,H,W] or 4-d [N,C,H,W] input, got ${what}`);
  if (weight.ndim !== 4) throw new ShapeError(`conv2d: weight must be 4-d [O, C/groups, kh, kw], got ${what}`);
  const [xb, unbatch] = toBatched('conv2d', x, 2);
  return unbatch(convCore('conv2d', what, xb, weight, bias, opts));
}

/**
 * relu(conv2d(x, weight, bias, opts)) in one op: on the native backend the ReLU runs in the
 * convolution's epilogue (no second pass over the output, no second array), elsewhere it is the
 * two ops. Same values, same gradients. What `Sequential` calls for a Conv2d followed by a ReLU.
 * @example conv2dRelu(ones([1, 1, 3, 3]), full([1, 1, 3, 3], -1)).toArray() // [[[[0]]]]
 */
export function conv2dRelu(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  const what = `input ${fmtShape(x.shape)}, weight ${fmtShape(weight.shape)}`;
  if (x.ndim !== 4 || weight.ndim !== 4) return reluOp(conv2d(x, weight, bias, opts));
  return convCore('conv2d', what, x, weight, bias, opts, true);
}

/**
 * conv2d on a batched [N,C,H,W] input and a 4-d weight; `op` and `what` (the caller's shapes)
 * go into error messages, so conv1d reports its own name and 3-d shapes.
 */
export function convCore(op: string, what: string, x: Tensor, weight: Tensor, bias: Tensor | null | undefined, opts: Conv2dOptions, relu = false): Tensor {
  if (x.dtype === 'bool' || weight.dtype === 'bool') throw new DTypeError(`${op}: bool tensors are not supported (input ${x.dtype}, weight ${weight.dtype})`);
  const [, C, H, W] = x.shape as [number, number, number, number];
  const [O, Cg, kh, kw] = weight.shape as [number, number, number, number];
  const groups = parseGroups(op, opts.groups);
  if (Cg * groups !== C) throw new ShapeError(`${op}: input has ${C} channels but weight expects ${Cg * groups} (groups=${groups}): ${what}`);
  if (O % groups !== 0) throw new ArgumentError(`${op}: ${O} output channels are not divisible by groups=${groups}: ${what}`);
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new ShapeError(`${op}: bias must have shape [${O}] to match ${O} output channels, got bias ${fmtShape(bias.shape)}: ${what}`);
  }
  const stride = pair(op, 'stride', opts.stride ?? 1, 1);
  const dilation = pair(op, 'dilation', opts.dilation ?? 1, 1);
  const { padding, extra } = resolvePadding(op, opts.padding, [kh, kw], stride, dilation);
  const p: WindowParams = { kernel: [kh, kw], stride, padding, dilation };
  const out: [number, number] = [
    windowOut(H + extra[0], kh, stride[0], padding[0], dilation[0]),
    windowOut(W + extra[1], kw, stride[1], padding[1], dilation[1]),
  ];
  checkOut(op, what, p, out);
  if (groups === 1 && extra[0] === 0 && extra[1] === 0) {
    const y = fusedConv(x, weight, bias, p, out, relu);
    if (y) return y;
  }
  const y = compositeConv(x, weight, bias, p, groups, extra, out);
  return relu ? reluOp(y) : y;
}

/** The composite: im2col, one batched matmul per group, then the bias. */
function compositeConv(
  x: Tensor, weight: Tensor, bias: Tensor | null | undefined, p: WindowParams, groups: number,
  extra: readonly [number, number], out: readonly [number, number],
): Tensor {
  const N = x.shape[0]!;
  const [O, Cg, kh, kw] = weight.shape as [number, number, number, number];
  // [N, C·kh·kw, L]; rows of one group are contiguous, so the grouped matmul needs no copy of x
  const cols = im2col(padBottomRight(x, extra, 0), p, 0);
  const y = groupedBmm(reshape(weight, [groups, O / groups, Cg * kh * kw]), cols);
  return addBias(reshape(y, [N, O, out[0], out[1]]), bias);
}

/**
 * Fused native conv2d (groups 1, no 'same' extra): per-image im2col + GEMM with the bias added
 * in place, and a fused backward (dW accumulated per thread share, dx through col2im).
 * `relu`: the ReLU applied in the same epilogue; its backward masks dy by y > 0 (y = relu(z) is
 * positive exactly where z is, NaN where z is) before the conv backward.
 * Undefined when the native kernels cannot take these tensors (the composite runs instead).
 */
function fusedConv(x: Tensor, weight: Tensor, bias: Tensor | null | undefined, p: WindowParams, out: readonly [number, number], relu: boolean): Tensor | undefined {
  const f = fusedKernels();
  const isF32 = (t: Tensor | null | undefined): boolean => !t || (t.dtype === 'float32' && isDense(t));
  if (!f || !isF32(x) || !isF32(weight) || !isF32(bias)) return undefined;
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const O = weight.shape[0]!;
  const geometry = [N, C, H, W, O, ...p.kernel, ...p.stride, ...p.padding, ...p.dilation];
  // the kernels overwrite every element of their outputs: no zero-fill (unfilled)
  const y = new Tensor(unfilled([N, O, out[0], out[1]], 'float32'), [N, O, out[0], out[1]], 'float32');
  f.conv2dForward(x.data as Float32Array, weight.data as Float32Array, (bias?.data as Float32Array | undefined) ?? null, y.data as Float32Array, ...geometry, relu ? 1 : 0);
  return record(relu ? 'conv2d+relu' : 'conv2d', bias ? [x, weight, bias] : [x, weight], geometry, ({ dy, y: yo, inputs }) => {
    if (needsGraph()) {
      return compositeVjp((a, b, c) => (relu ? reluOp : (t: Tensor) => t)(compositeConv(a!, b!, c, p, 1, [0, 0], out)), inputs, dy);
    }
    const [xi, wi, bi] = inputs;
    const grad = (t: Tensor | undefined): Tensor | null => (t?.requiresGrad ? new Tensor(unfilled(t.shape, 'float32'), [...t.shape], 'float32') : null);
    const [dx, dw, db] = [grad(xi), grad(wi), grad(bi)];
    const arr = (t: Tensor | null): Float32Array | null => (t ? (t.data as Float32Array) : null);
    const dz = relu ? reluMasked(f, yo, dy) : (dense(dy).data as Float32Array);
    f.conv2dBackward(xi!.data as Float32Array, wi!.data as Float32Array, dz, arr(dx), arr(dw), arr(db), ...geometry);
    return bi ? [dx, dw, db] : [dx, dw];
  }, y);
}

