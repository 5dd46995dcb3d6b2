import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/** y = 1/x. */
export const reciprocal: UnaryPrimitive = defineUnary({
  name: 'reciprocal',
  dtype: 'float',
  scalar: { js: (x) => 1 / x, c: '1.0f / x' },
  // d/dx 1/x = -1/x² = -y²
  vjp: ({ dy, y }) => [neg(mul(dy, mul(y, y)))],
});
