import { defineUnary, type UnaryPrimitive } from '../primitive.js';
import { erfScalar } from '../scalar_math.js';
import { exp } from './exp.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/** Gauss error function, erf x = 2/√π ∫₀ˣ e^(−t²) dt. */
export const erf: UnaryPrimitive = defineUnary({
  name: 'erf',
  dtype: 'float',
  scalar: { js: erfScalar, c: 'erff(x)' },
  // d/dx erf x = 2/√π · e^(−x²)
  vjp: ({ dy, inputs: [x] }) => [mul(dy, mul(exp(neg(mul(x!, x!))), 2 / Math.sqrt(Math.PI)))],
});
