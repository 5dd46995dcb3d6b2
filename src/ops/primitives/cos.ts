import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { sin } from './sin.js';

/** Cosine (radians). */
export const cos: UnaryPrimitive = defineUnary({
  name: 'cos',
  dtype: 'float',
  scalar: { js: Math.cos, c: 'cosf(x)' },
  // d/dx cos x = -sin x
  vjp: ({ dy, inputs: [x] }) => [neg(mul(dy, sin(x!)))],
});
