import { ShapeError, fmtShape } from '../../errors.js';
import { Tensor } from '../../tensor/tensor.js';
import { shapesEqual } from '../../tensor/shape.js';
import { record } from '../primitive.js';

/**
 * Broadcasts x to `shape` without copying (size-1 dims get stride 0; -1 keeps a size; new dims
 * go in front). The gradient is summed back over the expanded dims by the engine.
 * @example expand(tensor([[1], [2]]), [2, 3]).toArray() // [[1,1,1],[2,2,2]]
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (!Array.isArray(shape)) throw new ShapeError(`expand: shape must be an array of sizes, got ${String(shape)}`);
  if (shapesEqual(x.shape, shape)) return x;
  const off = shape.length - x.ndim;
  if (off < 0) throw new ShapeError(`expand: cannot expand ${fmtShape(x.shape)} to fewer dims ${fmtShape(shape)}`);
  const outShape: number[] = [];
  const strides: number[] = [];
  shape.forEach((s, d) => {
    const src = d - off;
    const xs = src >= 0 ? x.shape[src]! : 1;
    const target = s === -1 ? xs : s;
    if (!Number.isInteger(target) || target < 0) throw new ShapeError(`expand: invalid size ${s} in ${fmtShape(shape)}`);
    if (src < 0 && s === -1) throw new ShapeError(`expand: -1 is not allowed for a new leading dim (${fmtShape(shape)})`);
    if (xs !== target && xs !== 1) {
      throw new ShapeError(`expand: size ${xs} of dim ${src} of ${fmtShape(x.shape)} cannot expand to ${target} (target ${fmtShape(shape)})`);
    }
    outShape.push(target);
    strides.push(src >= 0 && xs === target ? x.strides[src]! : 0);
  });
  const out = new Tensor(x.data, outShape, x.dtype, strides, x.offset);
  return record('expand', [x], null, ({ dy }) => [dy], out);
}
