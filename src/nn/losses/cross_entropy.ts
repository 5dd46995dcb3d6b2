/**
 * crossEntropy / CrossEntropyLoss: logSoftmax over the class dim (1, or 0 for an unbatched (C)
 * input) followed by the negative log-likelihood, PyTorch's cross_entropy. Targets are int32 class
 * indices (weight, ignoreIndex, labelSmoothing) or float class probabilities of the input's shape
 * (weight, labelSmoothing).
 */
import { ArgumentError } from '../../errors.js';
import { fusedKernels, isDense } from '../../backend/native/fused.js';
import { compositeVjp, dense, needsGraph } from '../../ops/fused.js';
import { empty, record } from '../../ops/primitive.js';
import { Tensor } from '../../tensor/tensor.js';
import { isFloating } from '../../tensor/dtype.js';
import { add, cmpEq, div, mul, neg, reshape, sum, where } from '../../ops/primitives/index.js';
import { indexSelect, logSoftmax } from '../../ops/composite/index.js';
import { Loss, checkSameShape, reductionOf } from './reduction.js';
import { type NllOptions, checkClassTargets, nllLoss, weightedMean } from './nll_loss.js';

export interface CrossEntropyOptions extends NllOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C. In [0, 1], default 0. */
  labelSmoothing?: number;
}

/**
 * input: logits (C), (N, C) or (N, C, d1, …); target: int32 indices of the input's shape without
 * the class dim, or float probabilities of the input's shape -> scalar, or per sample with 'none'.
 * @example crossEntropy(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })).item() // 0.6931472
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const reduction = reductionOf('crossEntropy', opts.reduction);
  const eps = opts.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps <= 1)) throw new ArgumentError(`crossEntropy: labelSmoothing must be in [0, 1], got ${eps}`);
  if (!(input instanceof Tensor) || !(target instanceof Tensor)) throw new ArgumentError('crossEntropy: input and target must be Tensors');
  if (eps === 0 && !opts.weight && reduction !== 'none') {
    const fused = fusedCrossEntropy(input, target, reduction as 'mean' | 'sum', opts.ignoreIndex ?? -100);
    if (fused) return fused;
  }
  return compositeCrossEntropy(input, target, opts);
}

/** The composite: logSoftmax, then nllLoss (or the probability-target sum), plus smoothing. */
function compositeCrossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions): Tensor {
  const reduction = reductionOf('crossEntropy', opts.reduction);
  const eps = opts.labelSmoothing ?? 0;
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim] ?? 0;
  const logp = logSoftmax(input, classDim);
  const w = opts.weight ? reshape(opts.weight, input.shape.map((s, i) => (i === classDim ? s : 1))) : null;
  if (isFloating(target.dtype)) {
    checkSameShape('crossEntropy', input, target);
    if ((opts.ignoreIndex ?? -100) >= 0) throw new ArgumentError('crossEntropy: ignoreIndex is not supported for class-probability targets');
    const t = eps > 0 ? add(mul(target, 1 - eps), eps / C) : target;
    const terms = w ? mul(mul(logp, t), w) : mul(logp, t);
    if (reduction === 'none') return neg(sum(terms, classDim));
    if (reduction === 'sum') return neg(sum(terms));
    return div(neg(sum(terms)), input.numel / Math.max(1, C));
  }
  const nll = nllLoss(logp, target, opts);
  if (eps === 0) return nll;
  // label smoothing: the uniform part, −Σ_c w_c·logp_c per sample, reduced like the nll part
  const ignoreIndex = opts.ignoreIndex ?? -100;
  checkClassTargets('crossEntropy', input, target, ignoreIndex, opts.weight);
  const isIgnored = cmpEq(target, ignoreIndex);
  const smooth = where(isIgnored, 0, neg(sum(w ? mul(logp, w) : logp, classDim)));
  let uniform: Tensor;
  if (reduction === 'none') uniform = smooth;
  else if (reduction === 'sum') uniform = sum(smooth);
  else {
    const safe = where(isIgnored, 0, target);
    const kept = opts.weight ? reshape(indexSelect(opts.weight, 0, reshape(safe, [safe.numel])), target.shape) : 1;
    uniform = weightedMean(sum(smooth), sum(where(isIgnored, 0, kept)));
  }
  return add(mul(nll, 1 - eps), mul(uniform, eps / C));
}

/**
 * Fused native softmax cross-entropy of dense float logits [N, C] and int32 class targets (no
 * weight, no smoothing; mean or sum): one pass forward (keeping logSoftmax), one backward,
 * (softmax − onehot)·dy/kept. Undefined when the native kernels cannot take the inputs.
 */
function fusedCrossEntropy(input: Tensor, target: Tensor, reduction: 'mean' | 'sum', ignoreIndex: number): Tensor | undefined {
  const f = fusedKernels();
  const isFloat = input.dtype === 'float32' || input.dtype === 'float64';
  if (!f || !isFloat || input.ndim !== 2 || target.dtype !== 'int32' || !isDense(input) || !Number.isInteger(ignoreIndex) || Math.abs(ignoreIndex) > 2 ** 31 - 1) return undefined;
  checkClassTargets('nllLoss', input, target, ignoreIndex); // the composite's message: its nllLoss checks
  const [N, C] = input.shape as [number, number];
  type FA = Float32Array | Float64Array;
  const t = dense(target);
  const logp = empty([N, C], input.dtype);
  const [total, kept] = f.crossEntropyForward(input.data as FA, t.data as Int32Array, logp.data as FA, N, C, ignoreIndex);
  const isMean = reduction === 'mean';
  const out = empty([], input.dtype);
  // as the composite: the sum is stored in the input's dtype, then divided by the kept count
  out.data[0] = total;
  if (isMean) out.data[0] = kept === 0 ? NaN : out.data[0]! / kept;
  return record('crossEntropy', [input], null, ({ dy, inputs }) => {
    if (needsGraph()) return compositeVjp((a) => compositeCrossEntropy(a!, t, { reduction, ignoreIndex }), inputs, dy);
    const dx = empty([N, C], input.dtype);
    const scale = dense(dy).data[0]! / (isMean ? Math.max(kept, 1) : 1);
    f.crossEntropyBackward(logp.data as FA, t.data as Int32Array, dx.data as FA, N, C, ignoreIndex, scale);
    return [dx];
  }, out);
}

/**
 * The module form of crossEntropy; `weight` is a buffer (in the state dict), as in PyTorch.
 * @example new CrossEntropyLoss({ labelSmoothing: 0.1 }).call(tensor([[0, 0]]), tensor([1], { dtype: 'int32' })).item() // 0.6931472
 */
export class CrossEntropyLoss extends Loss {
  declare weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(opts: CrossEntropyOptions = {}) {
    super(opts);
    if (opts.weight) this.registerBuffer('weight', opts.weight);
    else this.weight = null;
    this.ignoreIndex = opts.ignoreIndex ?? -100;
    this.labelSmoothing = opts.labelSmoothing ?? 0;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, {
      reduction: this.reduction, weight: this.weight, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing,
    });
  }
}
