import { defineBinary, type BinaryPrimitive } from '../primitive.js';
import { cmpEq } from './cmp_eq.js';
import { cmpLe } from './cmp_le.js';
import { log } from './log.js';
import { logicalAnd } from './logical_and.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

/** Power a^b with broadcasting. */
export const pow: BinaryPrimitive = defineBinary({
  name: 'pow',
  dtype: 'promote',
  rejectsBool: true,
  // NOTE: C99 and PyTorch: pow(1, y) = 1 for every y (NaN too) and pow(-1, ±inf) = 1; Math.pow says NaN
  scalar: { js: (a, b) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b)), c: 'powf(a, b)' },
  // d/da = b·a^(b−1) (0 where b = 0); d/db = y·ln a (0 where a = 0 and b ≥ 0), as PyTorch
  vjp: ({ dy, y, inputs: [a, b] }) => [
    where(cmpEq(b!, 0), 0, mul(dy, mul(b!, pow(a!, sub(b!, 1))))),
    where(logicalAnd(cmpEq(a!, 0), cmpLe(0, b!)), 0, mul(dy, mul(y, log(a!)))),
  ],
});
