/**
 * Layer fusion for containers: a Linear or Conv2d followed directly by a ReLU runs as one op
 * (`linearRelu` / `conv2dRelu`), so on the native backend the ReLU happens in the layer's own
 * output pass instead of a second pass over a second array (LeNet-5's first conv output is 4.8 MB
 * at batch 256). Values and gradients are the same as running the two layers.
 *
 * Fusion only happens when nothing could tell the difference: both layers are exactly the library
 * classes (a subclass may override forward), neither has a hook that reads or replaces tensors
 * (passive bookkeeping hooks such as fit's layer naming are fine, and still run), and anomaly mode
 * is off (it reports each op with its layer). The graph then has one node, named
 * 'linear+relu' / 'conv2d+relu', where the unfused run has two. `setLayerFusion(false)` also
 * turns off the linear chains of inferenceMode.
 */
import { anomaly } from '../autograd/anomaly_flag.js';
import type { Tensor } from '../tensor/tensor.js';
import { Conv2d } from './layers/conv2d.js';
import { Linear } from './layers/linear.js';
import { linearChain } from './linear_chain.js';
import { ReLU } from './layers/relu.js';
import type { Module } from './module.js';

let enabled = true;

/** Turns layer fusion off (true turns it back on): tests use it to compare the two paths. */
export function setLayerFusion(on: boolean): void {
  enabled = on;
}

/** The fused computation of `a` then `b`, or undefined when the pair must run layer by layer. */
export function fusedPair(a: Module, b: Module): ((x: Tensor) => Tensor) | undefined {
  if (!enabled || anomaly.on || Object.getPrototypeOf(b) !== ReLU.prototype || a.isObserved || b.isObserved) return undefined;
  const proto = Object.getPrototypeOf(a);
  if (proto === Linear.prototype) return (x) => (a as Linear).forwardRelu(x);
  if (proto === Conv2d.prototype) return (x) => (a as Conv2d).forwardRelu(x);
  return undefined;
}

/**
 * Runs `modules` in sequence on x, fusing the pairs `fusedPair` accepts, and inside inferenceMode
 * whole runs of Linear [+ ReLU] layers (nn/linear_chain.ts). Each layer's hooks run as if it had
 * run alone: `a`'s around the fused op, then `b`'s around its (already computed) output.
 */
export function runChain(modules: readonly Module[], x: Tensor): Tensor {
  let y = x;
  const fuse = enabled && !anomaly.on;
  for (let i = 0; i < modules.length; i++) {
    const chain = fuse ? linearChain(modules, i, y) : undefined;
    if (chain !== undefined) {
      y = chain.y;
      i = chain.next - 1;
      continue;
    }
    const a = modules[i]!;
    const b = modules[i + 1];
    const fused = b === undefined ? undefined : fusedPair(a, b);
    if (fused === undefined) {
      y = a.call(y);
      continue;
    }
    y = b!.callWith([a.callWith([y], fused)], (z) => z);
    i++;
  }
  return y;
}
