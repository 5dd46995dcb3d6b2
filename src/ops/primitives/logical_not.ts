import { defineUnary, type UnaryPrimitive } from '../primitive.js';

/** Logical not: true where x == 0. Output is bool. */
export const logicalNot: UnaryPrimitive = defineUnary({
  name: 'logicalNot',
  dtype: 'bool',
  scalar: { js: (x) => (x === 0 ? 1 : 0), c: '(float)(x == 0)' },
});
