import { defineBinary, type BinaryPrimitive } from '../primitive.js';
import { neg } from './neg.js';

/** Elementwise a - b with broadcasting. */
export const sub: BinaryPrimitive = defineBinary({
  name: 'sub',
  dtype: 'promote',
  rejectsBool: true,
  scalar: { js: (a, b) => a - b, c: 'a - b' },
  // d/da = 1, d/db = -1
  vjp: ({ dy }) => [dy, neg(dy)],
});
