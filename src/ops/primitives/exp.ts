import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';

/** Natural exponential, y = e^x. */
export const exp: UnaryPrimitive = defineUnary({
  name: 'exp',
  dtype: 'float',
  scalar: { js: Math.exp, c: 'expf(x)' },
  // d/dx e^x = e^x = y: reuse the output
  vjp: ({ dy, y }) => [mul(dy, y)],
});
