import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { cos } from './cos.js';
import { mul } from './mul.js';

/** Sine (radians). */
export const sin: UnaryPrimitive = defineUnary({
  name: 'sin',
  dtype: 'float',
  scalar: { js: Math.sin, c: 'sinf(x)' },
  // d/dx sin x = cos x
  vjp: ({ dy, inputs: [x] }) => [mul(dy, cos(x!))],
});
