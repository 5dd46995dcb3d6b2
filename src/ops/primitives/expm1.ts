import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { add } from './add.js';
import { mul } from './mul.js';

/** y = e^x - 1, accurate for small x. */
export const expm1: UnaryPrimitive = defineUnary({
  name: 'expm1',
  dtype: 'float',
  scalar: { js: Math.expm1, c: 'expm1f(x)' },
  // d/dx (e^x - 1) = e^x = y + 1
  vjp: ({ dy, y }) => [mul(dy, add(y, 1))],
});
