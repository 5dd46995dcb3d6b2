/** Dropout: random zeroing of elements in training, the identity in eval; PyTorch's nn.Dropout. */
import type { Tensor } from '../../tensor/tensor.js';
import type { Generator } from '../../tensor/random.js';
import { Module } from '../module.js';
import { checkP } from '../functional/dropout.js';
import { dropout } from '../functional/dropout.js';
import { pyFloat } from './support.js';

export interface DropoutLayerOptions {
  /** Stream for the masks (default: the default Generator, so `manualSeed` makes them reproducible). */
  generator?: Generator;
}

/**
 * x: any shape -> same shape. Training: each element is zeroed with probability p, the rest scaled
 * by 1/(1 − p). Eval: identity.
 * @example new Dropout(0.5).eval().call(ones([3])).toArray() // [1, 1, 1]
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly generator: Generator | undefined;

  constructor(p = 0.5, opts: DropoutLayerOptions = {}) {
    super();
    checkP('Dropout', p);
    this.p = p;
    this.generator = opts.generator;
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, ...(this.generator ? { generator: this.generator } : {}) });
  }

  protected override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
