/** nn: modules, parameters, layers, initialisers and losses (PyTorch-style). */
export { Module, Identity, type ForwardHook, type ForwardPreHook, type LoadResult } from './module.js';
export { Parameter, assign_ } from './parameter.js';
export { layerList, layerLabel, type LayerEntry } from './layer_list.js';
export * as init from './init.js';
export * as functional from './functional/index.js';
export * from './layers/index.js';
export * from './losses/index.js';
export { constructorCall, type ConstructorCall } from './layer_args.js';
export { setLayerFusion } from './fuse.js';
export { inferenceMode, isInferenceMode } from './inference_mode.js';
