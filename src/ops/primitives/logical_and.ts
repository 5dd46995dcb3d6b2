import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** Logical and of truthiness (x != 0); bool output. */
export const logicalAnd: BinaryPrimitive = defineBinary({
  name: 'logicalAnd',
  dtype: 'logical',
  scalar: { js: (a, b) => (a !== 0 && b !== 0 ? 1 : 0), c: '(float)(a != 0 && b != 0)' },
});
