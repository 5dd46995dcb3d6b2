/**
 * Linear chains: inside `inferenceMode` on the native backend, a run of two or more Linear layers
 * in a container (each optionally followed by a ReLU, as an MLP is written) runs as one native call
 * (`linearChainPacked`, native/src/gemm.h sgemm_packed_chain). Each thread takes chunks of rows
 * through every layer, so the hidden activations stay in that core's cache, no thread waits for
 * the other between layers and no intermediate tensor is made. The values are those of running
 * the layers one by one inside the scope (bit for bit: same packed weights, same sums).
 *
 * The chain is only taken when nothing could tell the difference: the layers are exactly the
 * library's Linear and ReLU classes (and Dropouts in eval mode, the identity, which it passes
 * over), none is observed by a hook that reads tensors (see `fusedPair`), every weight and bias is
 * dense float32 and the shapes connect. Otherwise the caller runs the layers as usual (and a shape
 * error names the layer, as ever). `predict`, `evaluate` and fit's validation run inside
 * inferenceMode, so they take chains too.
 */
import { fusedKernels, isDense, unfilled } from '../backend/native/fused.js';
import { Tensor } from '../tensor/tensor.js';
import { scopePackedWeight } from './functional/linear.js';
import { isInferenceMode } from './inference_mode.js';
import { Dropout } from './layers/dropout.js';
import { Linear } from './layers/linear.js';
import { ReLU } from './layers/relu.js';
import type { Module } from './module.js';

let runs = 0;

/** How many linear chains have run in this process (for tests: the chain leaves no other trace). */
export function linearChainRuns(): number {
  return runs;
}

interface ChainLayer {
  linear: Linear;
  relu: boolean;
}

const isExactly = (m: Module | undefined, cls: typeof Linear | typeof ReLU | typeof Dropout): boolean =>
  m !== undefined && Object.getPrototypeOf(m) === cls.prototype && !m.isObserved;

const isF32 = (t: Tensor): boolean => t.dtype === 'float32' && isDense(t);

/** A Dropout in eval mode: the identity, so a chain may pass over it. */
const isIdentity = (m: Module | undefined): boolean => isExactly(m, Dropout) && !m!.training;

/**
 * The layers of the run starting at modules[i]: Linear, then ReLU if one follows, repeated; eval
 * mode Dropouts around the ReLUs are passed over. The run ends after its last Linear or ReLU.
 */
function scan(modules: readonly Module[], i: number): { layers: ChainLayer[]; end: number } {
  const layers: ChainLayer[] = [];
  let j = i;
  let end = i;
  while (isExactly(modules[j], Linear)) {
    const linear = modules[j] as Linear;
    j++;
    while (isIdentity(modules[j])) j++;
    const relu = isExactly(modules[j], ReLU);
    if (relu) {
      j++;
      end = j;
      while (isIdentity(modules[j])) j++;
    } else {
      end = j;
    }
    layers.push({ linear, relu });
  }
  return { layers, end };
}

/** True when every weight and bias can go to the kernel as they are and the shapes connect. */
function fits(layers: readonly ChainLayer[]): boolean {
  return layers.every(({ linear: l }, k) => {
    const w = l.weight;
    if (w.ndim !== 2 || w.shape[0] !== l.outFeatures || w.shape[1] !== l.inFeatures || !isF32(w)) return false;
    if (l.bias && (l.bias.ndim !== 1 || l.bias.shape[0] !== l.outFeatures || !isF32(l.bias))) return false;
    const next = layers[k + 1];
    return next === undefined || next.linear.inFeatures === l.outFeatures;
  });
}

/**
 * Runs the linear chain starting at modules[i] on x when one can run there (see above):
 * returns the output and the index of the first module after the chain, or undefined.
 * Passive hooks of the chain's modules still run, in layer order.
 */
export function linearChain(modules: readonly Module[], i: number, x: Tensor): { y: Tensor; next: number } | undefined {
  if (!isInferenceMode() || !isExactly(modules[i], Linear)) return undefined;
  const f = fusedKernels();
  if (!f?.linearChainPacked) return undefined;
  const { layers, end } = scan(modules, i);
  const first = layers[0]!.linear;
  if (layers.length < 2 || x.ndim < 2 || x.shape[x.ndim - 1] !== first.inFeatures || first.inFeatures === 0 || !isF32(x) || !fits(layers)) {
    return undefined;
  }
  const packs: Float32Array[] = [];
  for (const { linear } of layers) {
    const p = scopePackedWeight(f, linear.weight);
    if (p === undefined) return undefined;
    packs.push(p);
  }
  const dims = [first.inFeatures, ...layers.map(({ linear }) => linear.outFeatures)];
  const M = x.numel / first.inFeatures;
  const run = (input: Tensor): Tensor => {
    // a passive pre-hook leaves x as it is; should one replace it anyway, the layers run one by one
    if (input !== x) return layers.reduce((h, { linear, relu }) => (relu ? linear.forwardRelu(h) : linear.forward(h)), input);
    const shape = [...input.shape.slice(0, -1), dims[dims.length - 1]!];
    const y = new Tensor(unfilled(shape, 'float32'), shape, 'float32');
    const biases = layers.map(({ linear }) => (linear.bias ? (linear.bias.data as Float32Array) : null));
    runs++;
    f.linearChainPacked!(input.data as Float32Array, y.data as Float32Array, M, dims, packs, biases, layers.map(({ relu }) => (relu ? 1 : 0)));
    return y;
  };
  // the first module's hooks around the whole chain, then each later module's around its output
  let y = modules[i]!.callWith([x], run);
  for (let j = i + 1; j < end; j++) y = modules[j]!.callWith([y], (z) => z);
  return { y, next: end };
}
