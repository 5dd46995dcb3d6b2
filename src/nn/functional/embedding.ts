/**
 * embedding: rows of a table picked by int32 indices (PyTorch's F.embedding). With `paddingIdx`
 * that row's output is cut from the graph, so it never receives a gradient.
 */
import { DTypeError, IndexError, ShapeError, fmtShape } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { cmpEq, reshape, where } from '../../ops/primitives/index.js';
import { indexSelect, unsqueeze } from '../../ops/composite/index.js';

/**
 * indices: int32, any shape (*), weight: (num, dim) -> (*, dim).
 * @example functional.embedding(tensor([1, 0], { dtype: 'int32' }), tensor([[0, 1], [2, 3]])).toArray() // [[2, 3], [0, 1]]
 */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx?: number | null): Tensor {
  if (indices.dtype !== 'int32') throw new DTypeError(`embedding: indices must be int32, got ${indices.dtype} ${fmtShape(indices.shape)}`);
  if (weight.ndim !== 2) throw new ShapeError(`embedding: weight must be 2-d [num, dim], got ${fmtShape(weight.shape)}`);
  const [num, dim] = weight.shape as [number, number];
  const ids = indices.toTypedArray();
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! < 0 || ids[i]! >= num) throw new IndexError(`embedding: index ${ids[i]} is out of range for ${num} embeddings`);
  }
  const y = reshape(indexSelect(weight, 0, reshape(indices, [indices.numel])), [...indices.shape, dim]);
  if (paddingIdx === undefined || paddingIdx === null) return y;
  const pad = paddingIdx < 0 ? paddingIdx + num : paddingIdx;
  return where(unsqueeze(cmpEq(indices, pad), -1), y.detach(), y);
}
