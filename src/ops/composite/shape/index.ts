/** Composite ops of the 'shape' family, one file each. */
export { squeeze } from './squeeze.js';
export { unsqueeze } from './unsqueeze.js';
export { flatten } from './flatten.js';
export { unflatten } from './unflatten.js';
export { select } from './select.js';
export { stack } from './stack.js';
export { split } from './split.js';
export { chunk } from './chunk.js';
export { pad, type PadMode } from './pad.js';
export { repeat } from './repeat.js';
export { tile } from './tile.js';
export { tril } from './tril.js';
export { triu } from './triu.js';
export { oneHot } from './one_hot.js';
export { indexSelect } from './index_select.js';
export { movedim } from './movedim.js';
