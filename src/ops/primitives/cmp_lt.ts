import { defineBinary, type BinaryPrimitive } from '../primitive.js';

/** a < b, elementwise; bool output. */
export const cmpLt: BinaryPrimitive = defineBinary({
  name: 'cmpLt',
  dtype: 'compare',
  scalar: { js: (a, b) => (a < b ? 1 : 0), c: '(float)(a < b)' },
});
