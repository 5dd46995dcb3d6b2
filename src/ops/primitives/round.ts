import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { roundHalfEven } from '../scalar_math.js';
import { zerosLike } from '../../tensor/zeros_like.js';

/** Nearest integer, halves to even (like PyTorch and NumPy: round(2.5) = 2). */
export const round: UnaryPrimitive = defineUnary({
  name: 'round',
  dtype: 'same',
  scalar: { js: roundHalfEven, c: 'nearbyintf(x)' },
  // piecewise constant: gradient 0
  vjp: ({ dy }) => [zerosLike(dy)],
});
