import { defineBinary, type BinaryPrimitive } from '../primitive.js';
import { cmpEq } from './cmp_eq.js';
import { cmpLt } from './cmp_lt.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

/** Elementwise max(a, b); NaN propagates. */
export const maximum: BinaryPrimitive = defineBinary({
  name: 'maximum',
  dtype: 'promote',
  scalar: { js: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b), c: '(a != a || b != b) ? NAN : (a > b ? a : b)' },
  // the larger input gets dy; ties split it evenly (PyTorch's rule)
  vjp: ({ dy, inputs: [a, b] }) => {
    const share = where(cmpEq(a!, b!), 0.5, where(cmpLt(b!, a!), 1, 0));
    return [mul(dy, share), mul(dy, sub(1, share))];
  },
});
