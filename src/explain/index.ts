/** Explainability: attribution methods built on autograd, and activation and filter inspection. */
export type { Explainable, TargetOptions } from './common.js';
export { saliency, gradientXInput, type SaliencyOptions } from './saliency.js';
export { smoothGrad, type SmoothGradOptions } from './smooth_grad.js';
export {
  integratedGradients, completenessLine, IG_TOLERANCE,
  type IntegratedGradientsOptions, type IntegratedGradientsResult, type Completeness,
} from './integrated_gradients.js';
export { gradCam, upsampleMap, type GradCamOptions } from './grad_cam.js';
export { occlusion, type OcclusionOptions } from './occlusion.js';
export { activations, convFilters, findLayer, lastConv2d } from './activations.js';
