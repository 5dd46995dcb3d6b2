/**
 * The primitive list: every op that owns a kernel or a backward rule of its own. Backends build
 * their elementwise kernels from UNARY and BINARY; `satisfies` keeps these maps equal to the
 * closed name unions in backend/kernel_types.ts.
 */
import type { BinaryName, UnaryName } from '../../backend/kernel_types.js';
import type { BinaryPrimitive, UnaryPrimitive } from '../primitive.js';
import { abs } from './abs.js';
import { add } from './add.js';
import { ceil } from './ceil.js';
import { cmpEq } from './cmp_eq.js';
import { cmpLe } from './cmp_le.js';
import { cmpLt } from './cmp_lt.js';
import { cos } from './cos.js';
import { div } from './div.js';
import { erf } from './erf.js';
import { exp } from './exp.js';
import { expm1 } from './expm1.js';
import { floor } from './floor.js';
import { fmod } from './fmod.js';
import { log } from './log.js';
import { log1p } from './log1p.js';
import { logicalAnd } from './logical_and.js';
import { logicalNot } from './logical_not.js';
import { logicalOr } from './logical_or.js';
import { maximum } from './maximum.js';
import { minimum } from './minimum.js';
import { mul } from './mul.js';
import { neg } from './neg.js';
import { pow } from './pow.js';
import { reciprocal } from './reciprocal.js';
import { round } from './round.js';
import { sign } from './sign.js';
import { sin } from './sin.js';
import { sqrt } from './sqrt.js';
import { sub } from './sub.js';
import { tanh } from './tanh.js';

export const UNARY = {
  neg, abs, sign, exp, log, log1p, expm1, sqrt, sin, cos, tanh, erf, floor, ceil, round, reciprocal, logicalNot,
} satisfies Record<Exclude<UnaryName, 'cast'>, UnaryPrimitive>;

export const BINARY = {
  add, sub, mul, div, pow, maximum, minimum, fmod, cmpEq, cmpLt, cmpLe, logicalAnd, logicalOr,
} satisfies Record<BinaryName, BinaryPrimitive>;

export { abs, add, ceil, cmpEq, cmpLe, cmpLt, cos, div, erf, exp, expm1, floor, fmod, log, log1p, logicalAnd, logicalNot };
export { logicalOr, maximum, minimum, mul, neg, pow, reciprocal, round, sign, sin, sqrt, sub, tanh };
export { where } from './where.js';
export { sum } from './sum.js';
export { prod } from './prod.js';
export { amax } from './amax.js';
export { argmax } from './argmax.js';
export { cumsum } from './cumsum.js';
export { reshape, view } from './reshape.js';
export { permute, transpose } from './permute.js';
export { expand } from './expand.js';
export { slice, narrow } from './slice.js';
export { flip } from './flip.js';
export { padConstant } from './pad_constant.js';
export { cat } from './cat.js';
export { gather } from './gather.js';
export { scatter, scatterAdd } from './scatter.js';
export { im2col, windowOut } from './im2col.js';
export { col2im } from './col2im.js';
export { bmm } from './bmm.js';
