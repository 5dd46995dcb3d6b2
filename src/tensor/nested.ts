/** Conversions between nested JS arrays and flat row-major data with a shape. */
import { ShapeError, DTypeError } from '../errors.js';

export type NestedArray = number | boolean | NestedArray[];
/** What `tensor()` accepts: a number, a boolean, or arbitrarily nested arrays of them. */
export type NestedInput = number | boolean | readonly NestedInput[];

/** Reads the shape of a nested array, throwing a ShapeError on ragged input. */
export function inferShape(op: string, value: NestedInput): number[] {
  const shape: number[] = [];
  let v: NestedInput = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = (v as readonly NestedInput[])[0]!;
  }
  checkRagged(op, value, shape, 0, []);
  return shape;
}

function checkRagged(op: string, v: NestedInput, shape: number[], depth: number, path: number[]): void {
  if (depth === shape.length) {
    if (Array.isArray(v)) throw new ShapeError(`${op}: ragged nested array: element at [${path.join(',')}] is an array, expected a number`);
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      throw new DTypeError(`${op}: element at [${path.join(',')}] is ${typeof v}, expected a number or boolean`);
    }
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[depth]) {
    const got = Array.isArray(v) ? `length ${v.length}` : 'a scalar';
    throw new ShapeError(`${op}: ragged nested array: at [${path.join(',')}] expected length ${shape[depth]}, got ${got}`);
  }
  (v as readonly NestedInput[]).forEach((x, i) => checkRagged(op, x, shape, depth + 1, [...path, i]));
}

/** Flattens a (checked) nested array row-major. */
export function flatten(value: NestedInput, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value as readonly NestedInput[]) flatten(v, out);
  else out.push(Number(value));
  return out;
}

/** True if every leaf is a boolean (an empty input has none and gives false). */
export function allBoolean(value: NestedInput): boolean {
  if (Array.isArray(value)) return value.length > 0 && (value as readonly NestedInput[]).every(allBoolean);
  return typeof value === 'boolean';
}

export function toNested(flat: ArrayLike<number>, shape: readonly number[], asBool: boolean): NestedArray {
  const conv = (x: number): number | boolean => (asBool ? x !== 0 : x);
  if (shape.length === 0) return conv(flat[0]!);
  let pos = 0;
  const build = (d: number): NestedArray[] => {
    const n = shape[d]!;
    const arr: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++) arr[i] = d === shape.length - 1 ? conv(flat[pos++]!) : build(d + 1);
    return arr;
  };
  return build(0);
}
