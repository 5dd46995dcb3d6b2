/**
 * The error classes every Myelin failure is an instance of. Messages start with the op name,
 * then say what is wrong and show the shapes or the offending argument:
 * `matmul: inner dimensions differ: [2,3] @ [4,5]`.
 */

/** Base class of every error Myelin throws on purpose. */
export class MyelinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit the op: broadcasting, matmul inner dims, reshape sizes, ragged arrays. */
export class ShapeError extends MyelinError {}

/** A dtype the op does not accept, or a promotion PyTorch would refuse. */
export class DTypeError extends MyelinError {}

/** An argument out of its domain: a bad option, a non-finite value where one is invalid. */
export class ArgumentError extends MyelinError {}

/** A dim or an index outside the tensor. */
export class IndexError extends MyelinError {}

/** Autograd misuse: backward through a freed graph, grad of a non-scalar without a gradient. */
export class AutogradError extends MyelinError {}

/** Formats a shape the way error messages show it: `[2,3]`. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
