/**
 * The addon's fused kernels (native/src/fused.h) for hot composites: conv2d, linear, max
 * pooling, relu and softmax cross-entropy. The composites call `fusedKernels()` and take the fused path only
 * on the native backend, for dense float tensors; everything else (the js backend, odd layouts,
 * options the kernels do not cover) runs the composite, which is the reference the fused kernels
 * are tested against (test/backend/native_fused.test.ts). Not part of the kernel table: these
 * are optional accelerations, not primitives.
 */
import { getBackend } from '../registry.js';
import type { TypedArray } from '../../tensor/dtype.js';
import { tryAddon } from './addon.js';
import { markFresh } from '../../autograd/grad_buffers.js';

type F = Float32Array;
type FA = Float32Array | Float64Array;

/** Kernel signatures: contiguous arrays, then the geometry (see native/src/fused_addon.cc). */
export interface FusedKernels {
  /**
   * x [N,C,H,W], w [O,C,kh,kw], bias [O] | null -> y [N,O,oh,ow]; float32. Geometry: N,C,H,W,O,kh,kw,sh,sw,ph,pw,dh,dw,
   * then an optional relu flag (1: relu in the same pass).
   */
  conv2dForward(x: F, w: F, bias: F | null, y: F, ...geometryAndRelu: number[]): void;
  /** Gradients of conv2dForward; null for those not wanted. */
  conv2dBackward(x: F, w: F, dy: F, dx: F | null, dw: F | null, db: F | null, ...geometry: number[]): void;
  /** y [M,N] = x [M,K] · w [N,K]ᵀ + bias [N], then relu when `relu` is 1; float32. */
  linearForward(x: F, w: F, bias: F | null, y: F, M: number, K: number, N: number, relu?: 0 | 1): void;
  /** Floats of a packed [N,K] weight (the GEMM's B = wᵀ in its panel layout). */
  linearPackedSize?(K: number, N: number): number;
  /** Packs w [N,K] into `packed` (linearPackedSize floats). */
  linearPack?(w: F, packed: F, K: number, N: number): void;
  /** linearForward with a packed weight: same values, no per-call packing. */
  linearForwardPacked?(x: F, packed: F, bias: F | null, y: F, M: number, K: number, N: number, relu?: 0 | 1): void;
  /**
   * A run of packed linear layers in one call: dims = [K0, N0, ..., N(L-1)], packs[l] from linearPack
   * for (dims[l], dims[l+1]), biases[l] [N_l] | null, relus[l] 0|1; x [M,K0] -> y [M,N(L-1)]. Each
   * thread takes row chunks through every layer; values equal linearForwardPacked layer by layer.
   */
  linearChainPacked?(x: F, y: F, M: number, dims: number[], packs: F[], biases: (F | null)[], relus: number[]): void;
  /** Gradients of linearForward (dw in w's [N,K] layout); null for those not wanted. */
  linearBackward(x: F, w: F, dy: F, dx: F | null, dw: F | null, db: F | null, M: number, K: number, N: number): void;
  /** x [N,C,H,W] -> y, idx [N,C,oh,ow] (idx null: values only). Geometry: N,C,H,W,kh,kw,sh,sw,ph,pw,dh,dw,oh,ow. */
  maxPool2dForward(x: FA, y: FA, idx: Int32Array | null, ...geometry: number[]): void;
  maxPool2dBackward(dy: FA, idx: Int32Array, dx: FA, ...geometry: number[]): void;
  reluForward(x: FA, y: FA): void;
  reluBackward(x: FA, dy: FA, dx: FA): void;
  /** Returns [Σ −logp[n, t[n]] over kept rows, kept row count]; writes logp = logSoftmax(x). */
  crossEntropyForward(x: FA, t: Int32Array, logp: FA, N: number, C: number, ignoreIndex: number): [number, number];
  crossEntropyBackward(logp: FA, t: Int32Array, dx: FA, N: number, C: number, ignoreIndex: number, scale: number): void;
}

let enabled = true;

/** Turns the fused paths off (true again restores them): tests use it to get the composite. */
export function setFusedEnabled(on: boolean): void {
  enabled = on;
}

/** The fused kernels when the current backend is native and the addon has them. */
export function fusedKernels(): FusedKernels | undefined {
  if (!enabled || getBackend().name !== 'native') return undefined;
  const a = tryAddon() as unknown as Partial<FusedKernels> | undefined;
  return a?.conv2dForward && a.linearForward ? (a as FusedKernels) : undefined;
}

/** Smaller requests are zero-filled as usual (Buffer would hand them out of its shared pool). */
const UNFILLED_MIN_BYTES = 1 << 16;

/**
 * A fresh array of Π shape elements that is NOT zero-filled (Buffer.allocUnsafeSlow: its own
 * ArrayBuffer, offset 0), for outputs a fused kernel overwrites entirely: V8 zero-fills every
 * new typed array, ~6% of LeNet inference. Only for arrays handed straight to a fused kernel
 * whose contract (native/src/fused.h) says it writes every element; below 64 KB, or without
 * Buffer (browsers), a normal zeroed array.
 */
export function unfilled(shape: readonly number[], dtype: 'float32' | 'float64' | 'int32'): Float32Array | Float64Array | Int32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const Ctor = dtype === 'float32' ? Float32Array : dtype === 'float64' ? Float64Array : Int32Array;
  const bytes = n * Ctor.BYTES_PER_ELEMENT;
  let data: Float32Array | Float64Array | Int32Array;
  if (bytes < UNFILLED_MIN_BYTES || typeof Buffer === 'undefined') {
    data = new Ctor(n);
  } else {
    const b = Buffer.allocUnsafeSlow(bytes);
    data = new Ctor(b.buffer, b.byteOffset, n);
  }
  markFresh(data);
  return data;
}

/** True when `t` is row-major, starts at 0 and covers its whole array: the fused kernels' layout. */
export function isDense(t: { data: TypedArray; shape: readonly number[]; strides: readonly number[]; offset: number }): boolean {
  if (t.offset !== 0) return false;
  let expected = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    if (t.shape[d] !== 1 && t.strides[d] !== expected) return false;
    expected *= t.shape[d]!;
  }
  return t.data.length === expected;
}
