import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { zerosLike } from '../../tensor/zeros_like.js';

/** Largest integer ≤ x. */
export const floor: UnaryPrimitive = defineUnary({
  name: 'floor',
  dtype: 'same',
  scalar: { js: Math.floor, c: 'floorf(x)' },
  // piecewise constant: gradient 0
  vjp: ({ dy }) => [zerosLike(dy)],
});
