/** Dropout2d: random zeroing of whole channels in training, the identity in eval; PyTorch's nn.Dropout2d. */
import type { Tensor } from '../../tensor/tensor.js';
import type { Generator } from '../../tensor/random.js';
import { Module } from '../module.js';
import { checkP } from '../functional/dropout.js';
import { dropout2d } from '../functional/dropout2d.js';
import type { DropoutLayerOptions } from './dropout.js';
import { inputError, pyFloat } from './support.js';

/**
 * x: (N, C, H, W) or (C, H, W) -> same shape; each channel kept (scaled by 1/(1 − p)) or zeroed.
 * @example new Dropout2d(0.5).eval().call(ones([1, 2, 2, 2])).sum().item() // 8
 */
export class Dropout2d extends Module {
  readonly p: number;
  private readonly generator: Generator | undefined;

  constructor(p = 0.5, opts: DropoutLayerOptions = {}) {
    super();
    checkP('Dropout2d', p);
    this.p = p;
    this.generator = opts.generator;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 && x.ndim !== 4) throw inputError('Dropout2d', '[N, C, H, W] or [C, H, W]', x);
    return dropout2d(x, this.p, { training: this.training, ...(this.generator ? { generator: this.generator } : {}) });
  }

  protected override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
