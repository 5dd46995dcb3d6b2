import { defineBinary, type BinaryPrimitive } from '../primitive.js';
import { ceil } from './ceil.js';
import { cmpLt } from './cmp_lt.js';
import { div } from './div.js';
import { floor } from './floor.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { where } from './where.js';

/** C-style remainder: a - trunc(a/b)·b, with the sign of a. */
export const fmod: BinaryPrimitive = defineBinary({
  name: 'fmod',
  dtype: 'promote',
  rejectsBool: true,
  scalar: { js: (a, b) => a % b, c: 'fmodf(a, b)' },
  // d/da = 1, d/db = -trunc(a/b)
  vjp: ({ dy, inputs: [a, b] }) => {
    const q = div(a!, b!);
    return [dy, neg(mul(dy, where(cmpLt(q, 0), ceil(q), floor(q))))];
  },
});
