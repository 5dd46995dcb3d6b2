/**
 * nn.functional: the functional forms behind the layers that have no op elsewhere (PyTorch's
 * torch.nn.functional). Exported as the `functional` namespace: `functional.batchNorm(x, …)`.
 */
export { linear, linearRelu } from './linear.js';
export { bilinear } from './bilinear.js';
export { prelu } from './prelu.js';
export { embedding } from './embedding.js';
export { dropout, type DropoutOptions } from './dropout.js';
export { dropout2d } from './dropout2d.js';
export { batchNorm, type BatchNormOptions } from './batch_norm.js';
export { layerNorm } from './layer_norm.js';
export { groupNorm } from './group_norm.js';
