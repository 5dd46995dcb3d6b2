/**
 * The anomaly-mode switch the op and autograd hot paths read: one boolean (`anomaly.on`) and a
 * pluggable checker installed by `src/diagnostics/anomaly.ts`. It holds no checking logic, so ops
 * and the engine depend on this tiny module and not on diagnostics. With the mode off every hook
 * point costs one property read and a branch.
 */
import type { Node, VjpContext } from './node.js';
import type { Tensor } from '../tensor/tensor.js';

/** What anomaly mode runs at each hook point (implemented in src/diagnostics/anomaly.ts). */
export interface AnomalyChecker {
  /** After an op computed `out` from `inputs` (every op, with or without grad). Throws on NaN/Inf. */
  forward(op: string, inputs: readonly Tensor[], out: Tensor): void;
  /** After `node`'s vjp returned `grads` (one per input, or null). Throws on NaN/Inf. */
  backward(node: Node, ctx: VjpContext<unknown>, grads: readonly (Tensor | null)[]): void;
  /** The innermost layer running now ("Linear 'fc1' (layer 0)"), recorded on nodes for backward. */
  layer(): string | undefined;
}

/** The mutable anomaly-mode state. `on` is the only field hot paths read when the mode is off. */
export const anomaly: { on: boolean; checker: AnomalyChecker | null; inVjp: number } = {
  on: false,
  checker: null,
  // > 0 while a vjp runs: its inner ops are not checked one by one; its results are
  inVjp: 0,
};

/** Runs a node's vjp with the per-op forward checks paused, then checks the gradients it returned. */
export function checkedVjp(node: Node, ctx: VjpContext<unknown>, run: () => readonly (Tensor | null)[]): readonly (Tensor | null)[] {
  anomaly.inVjp++;
  let grads: readonly (Tensor | null)[];
  try {
    grads = run();
  } finally {
    anomaly.inVjp--;
  }
  anomaly.checker?.backward(node, ctx, grads);
  return grads;
}
