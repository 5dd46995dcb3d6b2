/**
 * matmul: PyTorch's matrix product for any ranks ≥ 1, lowered to the bmm primitive through
 * reshape/expand views. 1-d operands gain a dim (prepended to a, appended to b) that is removed
 * from the result; batch dims broadcast. Copies happen only where a view cannot express the
 * layout (a partially broadcast batch, or a batch that cannot be flattened in place).
 */
import { DTypeError, ShapeError, fmtShape } from '../../../errors.js';
import { numel } from '../../../tensor/shape.js';
import type { Tensor } from '../../../tensor/tensor.js';
import { bmm, expand, reshape } from '../../primitives/index.js';

/** a's and b's batch dims broadcast together, or a ShapeError naming both full shapes. */
function broadcastBatch(show: string, ba: readonly number[], bb: readonly number[]): number[] {
  const n = Math.max(ba.length, bb.length);
  return Array.from({ length: n }, (_, i) => {
    const da = ba[ba.length - n + i] ?? 1;
    const db = bb[bb.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new ShapeError(`matmul: batch dims cannot be broadcast: ${show}`);
    return da === 1 ? db : da;
  });
}

/** True when all dims but the last of x can merge into one without a copy. */
function canFlattenRows(x: Tensor): boolean {
  const dims = x.shape.slice(0, -1).flatMap((s, i) => (s === 1 ? [] : [i]));
  return dims.every((d, j) => j === dims.length - 1 || x.strides[d] === x.strides[dims[j + 1]!]! * x.shape[dims[j + 1]!]!);
}

/** x (…batchX, R, C) as a 3-d (B, R, C) operand for bmm, broadcasting its batch to `batch`. */
function asBatch(x: Tensor, batch: readonly number[]): Tensor {
  const [R, C] = x.shape.slice(-2) as [number, number];
  const B = numel(batch);
  // a batch of one is broadcast with stride 0 (no copy); otherwise expand, then flatten the batch
  if (numel(x.shape.slice(0, -2)) === 1) return expand(reshape(x, [1, R, C]), [B, R, C]);
  return reshape(expand(x, [...batch, R, C]), [B, R, C]);
}

/**
 * Matrix product with PyTorch's rules. a: (…, M, K) or (K); b: (…, K, N) or (K) -> (…, M, N),
 * where the batch dims (…) broadcast and a 1-d operand's added dim is dropped: (K)·(K) is a 0-d
 * dot product, (M, K)·(K) is (M), (K)·(…, K, N) is (…, N). dtypes promote; bool throws.
 * @example matmul(ones([2, 1, 3, 4]), ones([5, 4, 6])).shape // [2, 5, 3, 6]
 * @example matmul(tensor([1, 2]), tensor([[1, 0], [0, 1]])).toArray() // [1, 2]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const show = `${fmtShape(a.shape)} @ ${fmtShape(b.shape)}`;
  if (a.ndim === 0 || b.ndim === 0) throw new ShapeError(`matmul: both arguments need at least 1 dim, got ${show}`);
  if (a.dtype === 'bool' || b.dtype === 'bool') throw new DTypeError(`matmul: bool tensors are not supported (${a.dtype} @ ${b.dtype})`);
  const K = a.shape[a.ndim - 1]!;
  if (K !== b.shape[Math.max(0, b.ndim - 2)]) throw new ShapeError(`matmul: inner dimensions differ: ${show}`);
  const a2 = a.ndim === 1 ? reshape(a, [1, K]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [K, 1]) : b;
  const M = a2.shape[a2.ndim - 2]!;
  const N = b2.shape[b2.ndim - 1]!;
  const batch = broadcastBatch(show, a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const outShape = [...batch, ...(a.ndim === 1 ? [] : [M]), ...(b.ndim === 1 ? [] : [N])];
  // NOTE: with a single b, a's batch folds into its rows, (B·M, K)·(K, N): one big product, as
  // PyTorch does; only when the fold is a view, else bmm reads a's strided batch directly.
  if (numel(b2.shape.slice(0, -2)) === 1 && canFlattenRows(a2)) {
    return reshape(bmm(reshape(a2, [1, numel(batch) * M, K]), reshape(b2, [1, K, N])), outShape);
  }
  // dA = dY·Bᵀ and dB = Aᵀ·dY come from bmm; expand's gradient sums over broadcast batch dims
  return reshape(bmm(asBatch(a2, batch), asBatch(b2, batch)), outShape);
}
