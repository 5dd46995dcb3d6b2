/** Composite ops: built from primitives, so they run on every backend and get gradients free. */
export * from './elementwise/index.js';
export * from './reduce/index.js';
export * from './shape/index.js';
export * from './conv/index.js';
