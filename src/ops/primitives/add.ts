import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** Elementwise a + b with broadcasting. */
export const add: BinaryPrimitive = defineBinary({
  name: 'add',
  dtype: 'promote',
  scalar: { js: (a, b) => a + b, c: 'a + b' },
  // d/da = 1, d/db = 1 (the engine sums over broadcast dims)
  vjp: ({ dy }) => [dy, dy],
});
