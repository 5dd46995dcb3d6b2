import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** Elementwise a · b with broadcasting. */
export const mul: BinaryPrimitive = defineBinary({
  name: 'mul',
  dtype: 'promote',
  scalar: { js: (a, b) => a * b, c: 'a * b' },
  // d/da = b, d/db = a
  vjp: ({ dy, inputs: [a, b] }) => [mul(dy, b!), mul(dy, a!)],
});
