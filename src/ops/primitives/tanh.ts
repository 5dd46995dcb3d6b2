import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';
import { sub } from './sub.js';

/** Hyperbolic tangent, y = tanh x, in (-1, 1). */
export const tanh: UnaryPrimitive = defineUnary({
  name: 'tanh',
  dtype: 'float',
  scalar: { js: Math.tanh, c: 'tanhf(x)' },
  // d/dx tanh x = 1 - tanh² x = 1 - y²: vanishes as |x| grows (saturation)
  vjp: ({ dy, y }) => [mul(dy, sub(1, mul(y, y)))],
});
