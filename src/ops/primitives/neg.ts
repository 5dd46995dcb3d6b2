import { defineUnary, type UnaryPrimitive } from '../primitive.js';

/** Negation, y = -x. */
export const neg: UnaryPrimitive = defineUnary({
  name: 'neg',
  dtype: 'same',
  scalar: { js: (x) => -x, c: '-x' },
  // d/dx (-x) = -1
  vjp: ({ dy }) => [neg(dy)],
});
