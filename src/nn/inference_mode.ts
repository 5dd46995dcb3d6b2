/**
 * inferenceMode: a scope for running a model whose weights do not change, like an onnxruntime
 * session or PyTorch's inference_mode. Inside it no graph is recorded (as in `noGrad`) and, on the
 * native backend, each Linear weight is packed into the GEMM's panel layout the first time the
 * scope uses it and reused by every later call, instead of being re-packed (transposed) on each
 * call, and a Sequential's runs of Linear [+ ReLU] layers go to the native kernel as one call
 * (nn/linear_chain.ts). The packs are dropped when the scope ends.
 *
 * The contract: weights stay as they are until the scope returns. An optimizer step inside the
 * scope throws (AutogradError); writing a weight's `.data` by hand inside it is not detected, and
 * later calls in the scope would keep using the old weight. `fn` must be synchronous.
 */
import { ArgumentError } from '../errors.js';
import { noGrad } from '../autograd/grad_mode.js';
import type { Tensor } from '../tensor/tensor.js';

let packs: Map<Float32Array, { shape: string; packed: Float32Array }> | null = null;

/**
 * Runs `fn` with no graph and with weights packed once for the whole scope (see above).
 * @example inferenceMode(() => new Linear(3, 2).call(ones([4, 3]))).shape // [4, 2]
 */
export function inferenceMode<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new ArgumentError('inferenceMode: expected a function');
  const outer = packs;
  if (outer === null) packs = new Map();
  try {
    const out = noGrad(fn);
    if (out !== null && typeof out === 'object' && typeof (out as { then?: unknown }).then === 'function') {
      throw new ArgumentError('inferenceMode: fn returned a Promise; the scope only covers synchronous code (await outside it)');
    }
    return out;
  } finally {
    packs = outer;
  }
}

/** How many weights the current inferenceMode scope has packed (0 outside one, or on js). */
export function scopePackCount(): number {
  return packs?.size ?? 0;
}

/** True inside inferenceMode. */
export function isInferenceMode(): boolean {
  return packs !== null;
}

/**
 * Inside inferenceMode, the packed form of `weight` (made by `pack` on first use in the scope);
 * outside it, undefined. Keyed by the weight's array, so a tensor and its views share one pack.
 */
export function scopedPack(weight: Tensor, pack: () => Float32Array): Float32Array | undefined {
  if (packs === null) return undefined;
  const key = weight.data as Float32Array;
  const shape = weight.shape.join(',');
  let p = packs.get(key);
  if (p === undefined || p.shape !== shape) packs.set(key, (p = { shape, packed: pack() }));
  return p.packed;
}
