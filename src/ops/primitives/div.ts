import { defineBinary, type BinaryPrimitive } from '../primitive.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/** True division a / b (integers divide as float32, like PyTorch). */
export const div: BinaryPrimitive = defineBinary({
  name: 'div',
  dtype: 'float',
  scalar: { js: (a, b) => a / b, c: 'a / b' },
  // d/da = 1/b, d/db = -a/b² = -y/b
  vjp: ({ dy, y, inputs: [, b] }) => [div(dy, b!), neg(div(mul(dy, y), b!))],
});
