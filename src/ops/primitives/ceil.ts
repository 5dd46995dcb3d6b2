import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { zerosLike } from '../../tensor/zeros_like.js';

/** Smallest integer ≥ x. */
export const ceil: UnaryPrimitive = defineUnary({
  name: 'ceil',
  dtype: 'same',
  scalar: { js: Math.ceil, c: 'ceilf(x)' },
  // piecewise constant: gradient 0
  vjp: ({ dy }) => [zerosLike(dy)],
});
