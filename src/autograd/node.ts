/**
 * A recorded op application: what backward needs to call the primitive's vjp.
 * One node per op output; `inputs` and `attrs` are dropped after backward unless the graph is
 * retained, which is what frees saved tensors without any dispose().
 */
import type { Tensor } from '../tensor/tensor.js';
import { anomaly } from './anomaly_flag.js';

export interface VjpContext<A> {
  /** Gradient of the loss with respect to the output, same shape as the output. */
  readonly dy: Tensor;
  /** The op's output (detached from the graph unless createGraph). */
  readonly y: Tensor;
  readonly inputs: readonly Tensor[];
  readonly attrs: A;
}

/** A backward rule: one gradient per input (in the input's shape or broadcastable to it), or null. */
export type Vjp<A> = (ctx: VjpContext<A>) => readonly (Tensor | null)[];

export interface Node {
  readonly name: string;
  /** Null once freed by a backward pass that did not retain the graph. */
  inputs: readonly Tensor[] | null;
  attrs: unknown;
  readonly vjp: Vjp<unknown>;
  /** Sequence number: later nodes have larger ids (used to order the backward walk). */
  readonly id: number;
  /** The layer running when the node was made; recorded only in anomaly mode, for backward reports. */
  readonly layer: string | undefined;
}

let nextId = 0;

export function makeNode<A>(name: string, inputs: readonly Tensor[], attrs: A, vjp: Vjp<A>): Node {
  const layer = anomaly.on ? anomaly.checker?.layer() : undefined;
  return { name, inputs, attrs, vjp: vjp as Vjp<unknown>, id: nextId++, layer };
}
