import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** a == b, elementwise; bool output (NaN == NaN is false). */
export const cmpEq: BinaryPrimitive = defineBinary({
  name: 'cmpEq',
  dtype: 'compare',
  scalar: { js: (a, b) => (a === b ? 1 : 0), c: '(float)(a == b)' },
});
