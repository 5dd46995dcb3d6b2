/**
 * How the backward engine puts a gradient into a leaf's `.grad` without copying it (PyTorch's
 * AccumulateGrad): an existing `.grad` is accumulated in place (one add pass, no new array), and a
 * missing one takes the incoming gradient's array when nothing else can hold it, else a copy.
 *
 * "Nothing else can hold it" is decided by allocation, not by guessing from the ops: while a
 * backward pass runs, every array made by `empty` (and the fused kernels' unfilled outputs) is
 * registered as fresh. A fresh array reaching a leaf was made during this pass, so the caller's
 * tensors, the seed and the saved inputs cannot be it; the engine still refuses arrays that
 * another leaf or a retained non-leaf `.grad` already took, arrays seen after a user hook ran
 * (a hook may return anything), and views that do not cover their whole array.
 */
import type { TypedArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { kernels } from '../backend/registry.js';

let fresh: WeakSet<TypedArray> | null = null;

/** Registers `data` as made during the running backward pass (no-op outside one). */
export function markFresh(data: TypedArray): void {
  if (fresh !== null) fresh.add(data);
}

/** The state of one backward pass's leaf assignment. */
export class GradSink {
  private readonly claimed = new Set<TypedArray>();
  private readonly outer: WeakSet<TypedArray> | null;
  /** Set when any user hook ran: from then on nothing is adopted. */
  hooksRan = false;

  constructor() {
    this.outer = fresh;
    fresh = new WeakSet();
  }

  /** Ends the pass (restores an enclosing pass's registry, if backward was called inside one). */
  close(): void {
    fresh = this.outer;
  }

  /** Marks an array as held elsewhere (the seed, a retained non-leaf .grad), never to be adopted. */
  claim(data: TypedArray): void {
    this.claimed.add(data);
  }

  /**
   * Sets or accumulates `g` (no graph, leaf's dtype and shape) into `leaf.grad`. `copy` makes a
   * private copy, `add` an out-of-place sum: the fallbacks for cases the fast paths refuse.
   */
  assign(leaf: Tensor, g: Tensor, copy: (g: Tensor) => Tensor, add: (a: Tensor, b: Tensor) => Tensor): void {
    const prev = leaf.grad;
    if (prev !== null) {
      if (prev.gradFn === null && prev.dtype === g.dtype && shapesEqual(prev.shape, g.shape) && prev.isContiguous()) {
        kernels().add(prev, g, prev); // elementwise, so out may alias an operand
      } else {
        leaf.grad = add(prev, g);
      }
      return;
    }
    const adopt = !this.hooksRan && g.gradFn === null && g.offset === 0 && g.data.length === g.numel &&
      g.isContiguous() && fresh !== null && fresh.has(g.data) && !this.claimed.has(g.data);
    leaf.grad = adopt ? g : copy(g);
    this.claimed.add(leaf.grad.data);
  }
}
