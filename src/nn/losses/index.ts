/** Losses, one per file: each a function (PyTorch's F.*) and a module (nn.*Loss). */
export { Loss, type Reduction, type ReductionOptions } from './reduction.js';
export { mseLoss, MSELoss } from './mse_loss.js';
export { l1Loss, L1Loss } from './l1_loss.js';
export { smoothL1Loss, SmoothL1Loss, type SmoothL1Options } from './smooth_l1_loss.js';
export { huberLoss, HuberLoss, type HuberOptions } from './huber_loss.js';
export { binaryCrossEntropy, BCELoss, type WeightedLossOptions } from './binary_cross_entropy.js';
export { binaryCrossEntropyWithLogits, BCEWithLogitsLoss, type BCEWithLogitsOptions } from './binary_cross_entropy_with_logits.js';
export { nllLoss, NLLLoss, type NllOptions } from './nll_loss.js';
export { crossEntropy, CrossEntropyLoss, type CrossEntropyOptions } from './cross_entropy.js';
export { klDiv, KLDivLoss, type KlDivOptions } from './kl_div.js';
export { cosineEmbeddingLoss, CosineEmbeddingLoss, type CosineEmbeddingOptions } from './cosine_embedding_loss.js';
