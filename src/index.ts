/**
 * Myelin's public API: the one export list. Importing it also installs the Tensor methods
 * (x.add(y), x.sum(), …) and the autograd engine.
 */
import './autograd/backward.js';
import './tensor/methods/core.js';
import './tensor/methods/elementwise.js';
import './tensor/methods/reduce.js';
import './tensor/methods/shape.js';
import './tensor/methods/conv.js';

export * from './errors.js';
export { Tensor, type GradHook, type BackwardOptions } from './tensor/tensor.js';
export { type DType, type TypedArray, DTYPES, isFloating, promoteTypes, resultType } from './tensor/dtype.js';
export { type Shape, broadcastShapes } from './tensor/shape.js';
export type { NestedArray, NestedInput } from './tensor/nested.js';
export * from './tensor/create.js';
export { Generator, manualSeed, defaultGenerator } from './tensor/random.js';
export { noGrad, enableGrad, isGradEnabled } from './autograd/grad_mode.js';
export { gradients, grad, valueAndGrad, vjp, type GradientsOptions } from './autograd/grad.js';
export { cast, type TensorLike } from './ops/primitive.js';
export * from './ops/primitives/index.js';
export * from './ops/composite/index.js';
export * from './nn/index.js';
export * from './optim/index.js';
export * from './io/index.js';
export * from './data/index.js';
export * from './train/index.js';
export * from './diagnostics/index.js';
export * from './explain/index.js';
export { getBackend, setBackend, availableBackends } from './backend/registry.js';
export { setNumThreads, getNumThreads } from './backend/native/threads.js';
export type { Backend, BackendName } from './backend/backend.js';
export type { KernelTable, PrimitiveName, View, WindowParams } from './backend/kernel_types.js';
