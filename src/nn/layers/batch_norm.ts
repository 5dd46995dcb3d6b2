/**
 * BatchNorm1d and BatchNorm2d, PyTorch's nn.BatchNorm*: per-channel normalisation by batch
 * statistics in training (updating running_mean / running_var / num_batches_tracked) and by the
 * running statistics in eval. Buffer names are PyTorch's, snake_case, because they are state-dict keys.
 */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ones, zeros } from '../../tensor/create.js';
import { noGrad } from '../../autograd/grad_mode.js';
import { add } from '../../ops/primitives/index.js';
import { Module } from '../module.js';
import { type Parameter, assign_ } from '../parameter.js';
import { batchNorm } from '../functional/batch_norm.js';
import { ones as fillOnes, zeros as fillZeros } from '../init.js';
import { type LayerOptions, checkInt, inputError, param, pyBool, pyFloat } from './support.js';

export interface BatchNormOptions extends LayerOptions {
  eps?: number;
  /** Weight of each new batch in the running averages (default 0.1); null for a cumulative average. */
  momentum?: number | null;
  /** Learn a per-channel scale and shift (default true). */
  affine?: boolean;
  /** Keep running statistics for eval (default true); without them eval also uses batch statistics. */
  trackRunningStats?: boolean;
}

/**
 * What BatchNorm1d and BatchNorm2d share (PyTorch's _BatchNorm); they differ only in the input check.
 * @example new BatchNorm2d(8) instanceof BatchNorm // true
 */
export abstract class BatchNorm extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(numFeatures: number, opts: BatchNormOptions = {}) {
    super();
    this.numFeatures = checkInt(this.constructor.name, 'numFeatures', numFeatures);
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    if (this.momentum !== null && !(this.momentum >= 0 && this.momentum <= 1)) {
      throw new ArgumentError(`${this.constructor.name}: momentum must be in [0, 1] or null, got ${this.momentum}`);
    }
    this.affine = opts.affine ?? true;
    this.trackRunningStats = opts.trackRunningStats ?? true;
    this.weight = this.affine ? param([numFeatures], opts) : null;
    if (this.weight) fillOnes(this.weight);
    this.bias = this.affine ? param([numFeatures], opts) : null;
    const dtype = opts.dtype ?? 'float32';
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], { dtype }));
      this.registerBuffer('running_var', ones([numFeatures], { dtype }));
      this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int32' }));
    } else {
      this.running_mean = this.running_var = this.num_batches_tracked = null;
    }
  }

  /** Throws the layer's shape error unless x fits. */
  protected abstract checkInput(x: Tensor): void;

  forward(x: Tensor): Tensor {
    this.checkInput(x);
    let factor = 0;
    if (this.training && this.num_batches_tracked) {
      const nbt = this.num_batches_tracked;
      noGrad(() => assign_(nbt, add(nbt, 1)));
      factor = this.momentum ?? 1 / nbt.item();
    }
    // eval without running statistics (trackRunningStats false) still normalises by the batch
    const isBatchStats = this.training || !this.running_mean;
    return batchNorm(x, this.running_mean, this.running_var, {
      weight: this.weight, bias: this.bias, training: isBatchStats, momentum: factor, eps: this.eps,
    });
  }

  /**
   * Resets running_mean to 0, running_var to 1 and num_batches_tracked to 0.
   * @example const bn = new BatchNorm1d(2); bn.call(tensor([[1, 2], [3, 5]])); bn.resetRunningStats(); bn.running_mean!.toArray() // [0, 0]
   */
  resetRunningStats(): void {
    if (this.running_mean) fillZeros(this.running_mean);
    if (this.running_var) fillOnes(this.running_var);
    if (this.num_batches_tracked) fillZeros(this.num_batches_tracked);
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, ` +
      `affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}

/**
 * Batch norm over (N, C) or (N, C, L), per channel C.
 * @example new BatchNorm1d(3).call(randn([4, 3])).shape // [4, 3]
 */
export class BatchNorm1d extends BatchNorm {
  protected checkInput(x: Tensor): void {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw inputError('BatchNorm1d', `[N, ${this.numFeatures}] or [N, ${this.numFeatures}, L]`, x);
    }
  }
}

/**
 * Batch norm over (N, C, H, W), per channel C.
 * @example new BatchNorm2d(3).eval().call(ones([2, 3, 4, 4])).shape // [2, 3, 4, 4]
 */
export class BatchNorm2d extends BatchNorm {
  protected checkInput(x: Tensor): void {
    if (x.ndim !== 4 || x.shape[1] !== this.numFeatures) throw inputError('BatchNorm2d', `[N, ${this.numFeatures}, H, W]`, x);
  }
}
