import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** Logical or of truthiness (x != 0); bool output. */
export const logicalOr: BinaryPrimitive = defineBinary({
  name: 'logicalOr',
  dtype: 'logical',
  scalar: { js: (a, b) => (a !== 0 || b !== 0 ? 1 : 0), c: '(float)(a != 0 || b != 0)' },
});
