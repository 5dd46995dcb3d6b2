import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';
import { sign } from './sign.js';

/** Absolute value, y = |x|. */
export const abs: UnaryPrimitive = defineUnary({
  name: 'abs',
  dtype: 'same',
  scalar: { js: Math.abs, c: 'fabsf(x)' },
  // d/dx |x| = sign(x); 0 at x = 0 (the subgradient PyTorch uses)
  vjp: ({ dy, inputs: [x] }) => [mul(dy, sign(x!))],
});
