/** Embedding: a lookup table of learnable vectors indexed by int32 ids, PyTorch's nn.Embedding. */
import { ArgumentError, DTypeError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import type { Parameter } from '../parameter.js';
import { normal } from '../init.js';
import { embedding } from '../functional/embedding.js';
import { type LayerOptions, checkInt, param, showShape } from './support.js';
import { arange } from '../../tensor/create.js';
import { cmpEq, reshape, where } from '../../ops/primitives/index.js';
import { assign_ } from '../parameter.js';

export interface EmbeddingOptions extends LayerOptions {
  /** This row starts as zeros and never receives a gradient (e.g. the padding token). Negative counts from the end. */
  paddingIdx?: number | null;
}

/**
 * ids: int32 (*) -> (*, embeddingDim). weight: [numEmbeddings, embeddingDim], N(0, 1) initially.
 * @example new Embedding(10, 3, { paddingIdx: 0 }).call(tensor([0], { dtype: 'int32' })).toArray() // [[0, 0, 0]]
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, opts: EmbeddingOptions = {}) {
    super();
    this.numEmbeddings = checkInt('Embedding', 'numEmbeddings', numEmbeddings);
    this.embeddingDim = checkInt('Embedding', 'embeddingDim', embeddingDim);
    const p = opts.paddingIdx ?? null;
    if (p !== null && (!Number.isInteger(p) || p >= numEmbeddings || p < -numEmbeddings)) {
      throw new ArgumentError(`Embedding: paddingIdx must be within [-${numEmbeddings}, ${numEmbeddings}), got ${p}`);
    }
    this.paddingIdx = p === null ? null : p < 0 ? p + numEmbeddings : p;
    this.weight = param([numEmbeddings, embeddingDim], opts);
    normal(this.weight, 0, 1, opts.generator ? { generator: opts.generator } : {});
    if (this.paddingIdx !== null) {
      const isPad = reshape(cmpEq(arange(numEmbeddings, undefined, 1, { dtype: 'int32' }), this.paddingIdx), [numEmbeddings, 1]);
      assign_(this.weight, where(isPad, 0, this.weight.detach()));
    }
  }

  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int32') throw new DTypeError(`Embedding: expected int32 ids, got ${ids.dtype} ${showShape(ids.shape)}`);
    return embedding(ids, this.weight, this.paddingIdx);
  }

  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== null ? `, padding_idx=${this.paddingIdx}` : ''}`;
  }
}
