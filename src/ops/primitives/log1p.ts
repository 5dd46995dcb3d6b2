import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { add } from './add.js';
import { div } from './div.js';

/** y = ln(1 + x), accurate for small x. */
export const log1p: UnaryPrimitive = defineUnary({
  name: 'log1p',
  dtype: 'float',
  scalar: { js: Math.log1p, c: 'log1pf(x)' },
  // d/dx ln(1+x) = 1/(1+x)
  vjp: ({ dy, inputs: [x] }) => [div(dy, add(x!, 1))],
});
