import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { div } from './div.js';
import { mul } from './mul.js';

/** Square root, y = √x. */
export const sqrt: UnaryPrimitive = defineUnary({
  name: 'sqrt',
  dtype: 'float',
  scalar: { js: Math.sqrt, c: 'sqrtf(x)' },
  // d/dx √x = 1/(2√x) = 0.5/y
  vjp: ({ dy, y }) => [div(mul(dy, 0.5), y)],
});
