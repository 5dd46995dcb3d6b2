import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { div } from './div.js';

/** Natural logarithm, y = ln x (log 0 = -inf, log of a negative = NaN). */
export const log: UnaryPrimitive = defineUnary({
  name: 'log',
  dtype: 'float',
  scalar: { js: Math.log, c: 'logf(x)' },
  // d/dx ln x = 1/x
  vjp: ({ dy, inputs: [x] }) => [div(dy, x!)],
});
