/**
 * Collation: turning a list of dataset items into one batch. Tensors are stacked along a new
 * dim 0 with one typed-array copy per item (not a cat of unsqueezed views); tuples, arrays and
 * plain objects are collated position by position, like PyTorch's default_collate.
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { allocArray } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { tensor } from '../tensor/create.js';
import { stack } from '../ops/composite/shape/stack.js';
import { indexSelect } from '../ops/composite/shape/index_select.js';

/**
 * The batch type defaultCollate makes from items of type T: tensors, numbers and booleans become
 * one Tensor with a leading batch dim; strings a string[]; tuples, arrays and objects keep their
 * structure with each field collated.
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

/**
 * Stacks equally-shaped tensors into one of shape (k, ...shape). Copies typed arrays directly;
 * falls back to `stack` (which records autograd and promotes dtypes) when an input requires grad
 * or the dtypes differ.
 * @example stackRows([tensor([1, 2]), tensor([3, 4])]).toArray() // [[1, 2], [3, 4]]
 */
export function stackRows(rows: readonly Tensor[]): Tensor {
  if (rows.length === 0) throw new ArgumentError('stackRows: expected at least one tensor');
  const first = rows[0]!;
  for (let j = 1; j < rows.length; j++) {
    const t = rows[j]!;
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(`collate: item ${j} has shape ${fmtShape(t.shape)}, item 0 has ${fmtShape(first.shape)}; pass a collate function to pad or crop`);
    }
  }
  if (rows.some((t) => t.requiresGrad || t.dtype !== first.dtype)) return stack(rows, 0);
  const n = first.numel;
  const out = allocArray(first.dtype, rows.length * n);
  rows.forEach((t, j) => {
    if (t.isContiguous()) out.set(t.data.subarray(t.offset, t.offset + n), j * n);
    else out.set(t.toTypedArray(), j * n);
  });
  return new Tensor(out, [rows.length, ...first.shape], first.dtype);
}

/**
 * Rows `indices` of x along dim 0, as a new tensor (k, ...x.shape[1:]). For a contiguous input
 * that does not require grad this is one typed-array copy per row; otherwise indexSelect.
 * @example gatherRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).toArray() // [[5, 6], [1, 2]]
 */
export function gatherRows(x: Tensor, indices: ArrayLike<number>): Tensor {
  if (x.ndim === 0) throw new ShapeError('gatherRows: cannot take rows of a 0-d tensor');
  const size = x.shape[0]!;
  const k = indices.length;
  for (let j = 0; j < k; j++) {
    const i = indices[j]!;
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new ArgumentError(`gatherRows: row ${i} out of range for ${size} rows (shape ${fmtShape(x.shape)})`);
  }
  if (x.requiresGrad || !x.isContiguous()) return indexSelect(x, 0, tensor(Int32Array.from(indices)));
  const rowShape = x.shape.slice(1);
  const n = rowShape.reduce((a, b) => a * b, 1);
  const out = allocArray(x.dtype, k * n);
  const src = x.data;
  const off = x.offset;
  if (n === 1) {
    for (let j = 0; j < k; j++) out[j] = src[off + indices[j]!]!;
  } else {
    for (let j = 0; j < k; j++) {
      const s = off + indices[j]! * n;
      out.set(src.subarray(s, s + n), j * n);
    }
  }
  return new Tensor(out, [k, ...rowShape], x.dtype);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function kindOf(v: unknown): string {
  if (v instanceof Tensor) return 'Tensor';
  if (Array.isArray(v)) return 'array';
  if (isPlainObject(v)) return 'object';
  return v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
}

function collateAny(items: readonly unknown[], path: string): unknown {
  const first = items[0];
  const kind = kindOf(first);
  items.forEach((v, j) => {
    if (kindOf(v) !== kind) throw new ArgumentError(`collate: item ${j}${path} is ${kindOf(v)}, item 0${path} is ${kind}`);
  });
  switch (kind) {
    case 'Tensor':
      return stackRows(items as Tensor[]);
    case 'number':
      // NOTE: JS numbers have no int/float split, so they batch as float32 (like tensor([1, 2]))
      // in every batch; keep class labels in an int32 tensor to get int32 batches
      return tensor(Float32Array.from(items as number[]));
    case 'boolean':
      return tensor(items as boolean[]);
    case 'string':
      return [...(items as string[])];
    case 'array': {
      const len = (first as unknown[]).length;
      items.forEach((v, j) => {
        if ((v as unknown[]).length !== len) throw new ShapeError(`collate: item ${j}${path} has ${(v as unknown[]).length} fields, item 0 has ${len}`);
      });
      return Array.from({ length: len }, (_, f) => collateAny(items.map((v) => (v as unknown[])[f]), `${path}[${f}]`));
    }
    case 'object': {
      const keys = Object.keys(first as object);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        out[key] = collateAny(items.map((v, j) => {
          if (!(key in (v as object))) throw new ArgumentError(`collate: item ${j}${path} has no field '${key}'`);
          return (v as Record<string, unknown>)[key];
        }), `${path}.${key}`);
      }
      return out;
    }
    default:
      throw new ArgumentError(`collate: cannot batch items of type ${kind}${path ? ` at ${path}` : ''}; pass a collate function`);
  }
}

/**
 * Batches a list of items: tensors stack to (k, ...shape), numbers to a float32 (k) tensor,
 * booleans to bool, strings to a string[]; tuples, arrays and plain objects are collated field
 * by field. Items must agree in structure and shapes.
 * @example defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]])[0].toArray() // [[1, 2], [3, 4]]
 */
export function defaultCollate<T>(items: readonly T[]): Collated<T> {
  if (items.length === 0) throw new ArgumentError('collate: cannot batch an empty list of items');
  return collateAny(items, '') as Collated<T>;
}
