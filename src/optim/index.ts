/** optim: optimizers (PyTorch 1.13 semantics), LR schedules and gradient clipping. */
export { Optimizer, type OptimizerOptions, type OptimizerStateDict, type ParamGroup, type ParamGroupSpec, type ParamsInput, type ParamState } from './optimizer.js';
export { SGD, type SGDOptions, type SGDState } from './sgd.js';
export { Adam, type AdamOptions, type AdamState } from './adam.js';
export { AdamW } from './adamw.js';
export { RMSprop, type RMSpropOptions, type RMSpropState } from './rmsprop.js';
export { Adagrad, type AdagradOptions, type AdagradState } from './adagrad.js';
export { Adamax, type AdamaxOptions, type AdamaxState } from './adamax.js';
export { NAdam, type NAdamOptions, type NAdamState } from './nadam.js';
export { clipGradNorm, clipGradValue } from './clip.js';
export * from './schedules/index.js';
