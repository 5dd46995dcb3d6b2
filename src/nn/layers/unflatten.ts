/** Unflatten: splits one dim into several, PyTorch's nn.Unflatten. */
import type { Tensor } from '../../tensor/tensor.js';
import { unflatten } from '../../ops/composite/index.js';
import { Module } from '../module.js';
import { inputError, pyTuple } from './support.js';

/**
 * x: (…, ∏sizes, …) at `dim` -> (…, ...sizes, …). One size may be −1.
 * @example new Unflatten(1, [2, 3]).call(ones([4, 6])).shape // [4, 2, 3]
 */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: readonly number[];

  constructor(dim: number, unflattenedSize: readonly number[]) {
    super();
    this.dim = dim;
    this.unflattenedSize = [...unflattenedSize];
  }

  forward(x: Tensor): Tensor {
    const d = this.dim < 0 ? this.dim + x.ndim : this.dim;
    const n = this.unflattenedSize.reduce((a, b) => a * b, 1);
    const size = x.shape[d];
    if (size === undefined || (n > 0 && size % n !== 0) || (!this.unflattenedSize.includes(-1) && n !== size)) {
      throw inputError('Unflatten', `with dim ${this.dim} of size ${this.unflattenedSize.join('·')}`, x);
    }
    return unflatten(x, this.dim, this.unflattenedSize);
  }

  protected override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyTuple(this.unflattenedSize)}`;
  }
}
