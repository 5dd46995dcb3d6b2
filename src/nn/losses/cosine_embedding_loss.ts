/**
 * cosineEmbeddingLoss / CosineEmbeddingLoss: pulls pairs together (y = 1: 1 − cos) or pushes them
 * below a margin (y = −1: max(0, cos − margin)); PyTorch's cosine_embedding_loss, including its
 * 1e-12 guard on the squared norms.
 */
import { ArgumentError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, cmpEq, div, mul, sqrt, sub, sum, where } from '../../ops/primitives/index.js';
import { relu } from '../../ops/composite/index.js';
import { Loss, type ReductionOptions, applyReduction, checkSameShape } from './reduction.js';

export interface CosineEmbeddingOptions extends ReductionOptions {
  /** In [−1, 1]; default 0. */
  margin?: number;
}

/**
 * x1, x2: (N, D) or (D); y: (N) or () of ±1 -> scalar, or (N) with reduction 'none'.
 * @example cosineEmbeddingLoss(tensor([[1, 0]]), tensor([[0, 1]]), tensor([1])).item() // 1
 */
export function cosineEmbeddingLoss(x1: Tensor, x2: Tensor, y: Tensor, opts: CosineEmbeddingOptions = {}): Tensor {
  checkSameShape('cosineEmbeddingLoss', x1, x2);
  if (x1.ndim !== 1 && x1.ndim !== 2) throw new ShapeError(`cosineEmbeddingLoss: inputs must be [N, D] or [D], got ${fmtShape(x1.shape)}`);
  if (y.ndim !== x1.ndim - 1 || (x1.ndim === 2 && y.shape[0] !== x1.shape[0])) {
    throw new ShapeError(`cosineEmbeddingLoss: target ${fmtShape(y.shape)} must be ${fmtShape(x1.shape.slice(0, -1))} for inputs ${fmtShape(x1.shape)}`);
  }
  const margin = opts.margin ?? 0;
  if (!(margin >= -1 && margin <= 1)) throw new ArgumentError(`cosineEmbeddingLoss: margin must be in [-1, 1], got ${margin}`);
  const d = x1.ndim - 1;
  const EPS = 1e-12;
  const cos = div(sum(mul(x1, x2), d), sqrt(mul(add(sum(mul(x1, x1), d), EPS), add(sum(mul(x2, x2), d), EPS))));
  const loss = add(where(cmpEq(y, 1), sub(1, cos), 0), where(cmpEq(y, -1), relu(sub(cos, margin)), 0));
  return applyReduction('cosineEmbeddingLoss', loss, opts.reduction);
}

/**
 * The module form; forward(x1, x2, y).
 * @example new CosineEmbeddingLoss({ margin: 0.5 }).call(tensor([[1, 0]]), tensor([[1, 0]]), tensor([-1])).item() // 0.5
 */
export class CosineEmbeddingLoss extends Loss {
  readonly margin: number;

  constructor(opts: CosineEmbeddingOptions = {}) {
    super(opts);
    this.margin = opts.margin ?? 0;
  }

  forward(x1: Tensor, x2: Tensor, y: Tensor): Tensor {
    return cosineEmbeddingLoss(x1, x2, y, { reduction: this.reduction, margin: this.margin });
  }
}
