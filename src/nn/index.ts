/** nn: modules, parameters, layers, initialisers and losses (PyTorch-style). */
export { Module, Identity, type ForwardHook, type ForwardPreHook, type LoadResult } from './module.js';
export { Parameter, assign_ } from './parameter.js';
