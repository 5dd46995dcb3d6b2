import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { zerosLike } from '../../tensor/zeros_like.js';

/** Sign, y = -1, 0 or 1. */
export const sign: UnaryPrimitive = defineUnary({
  name: 'sign',
  dtype: 'same',
  // NOTE: sign(NaN) = 0, as in PyTorch 1.13 (JS's Math.sign would give NaN)
  scalar: { js: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), c: '(float)((x > 0) - (x < 0))' },
  // piecewise constant: the gradient is 0 everywhere it exists
  vjp: ({ dy }) => [zerosLike(dy)],
});
