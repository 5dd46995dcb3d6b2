/** Composite ops of the 'reduce' family (reductions, softmax, linear algebra), one file each. */
export { mean } from './mean.js';
export { variance } from './variance.js';
export { std } from './std.js';
export { max, type ValuesIndices } from './max.js';
export { min } from './min.js';
export { amin } from './amin.js';
export { argmin } from './argmin.js';
export { logsumexp } from './logsumexp.js';
export { norm, type NormOrder } from './norm.js';
export { softmax } from './softmax.js';
export { logSoftmax } from './log_softmax.js';
export { matmul } from './matmul.js';
export { mm } from './mm.js';
export { mv } from './mv.js';
export { dot } from './dot.js';
export { outer } from './outer.js';
