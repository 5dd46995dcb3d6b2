/** Tensor methods for the 'shape' composite family (one-line delegations; see src/ops/composite/shape/). */
import { Tensor } from '../tensor.js';
import * as S from '../../ops/composite/shape/index.js';
import { listArg } from './core.js';

declare module '../tensor.js' {
  interface Tensor {
    /** Drops size-1 dims (all, or those among `dim`); a view. */
    squeeze(dim?: number | readonly number[]): Tensor;
    /** Inserts a size-1 dim at `dim`; a view. */
    unsqueeze(dim: number): Tensor;
    /** Merges dims startDim..endDim into one. */
    flatten(startDim?: number, endDim?: number): Tensor;
    /** Splits dim `dim` into `sizes`; a view. */
    unflatten(dim: number, sizes: readonly number[]): Tensor;
    /** The slice at `index` along `dim`, that dim removed; a view. */
    select(dim: number, index: number): Tensor;
    /** Consecutive pieces along `dim` (views). */
    split(splitSizeOrSections: number | readonly number[], dim?: number): Tensor[];
    /** `chunks` nearly equal pieces along `dim` (views), PyTorch's sizing. */
    chunk(chunks: number, dim?: number): Tensor[];
    /** Tiles the tensor: x.repeat(2, 1) or x.repeat([2, 1]). */
    repeat(...sizes: number[] | [readonly number[]]): Tensor;
    /** torch.tile: repeat with reps padded by leading 1s. */
    tile(...reps: number[] | [readonly number[]]): Tensor;
    /** Lower triangle of the last two dims. */
    tril(diagonal?: number): Tensor;
    /** Upper triangle of the last two dims. */
    triu(diagonal?: number): Tensor;
    /** Slices at the int32 `index` along `dim`. */
    indexSelect(dim: number, index: Tensor): Tensor;
    /** Moves dims `source` to `destination`; a view. */
    movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor;
  }
}

const T = Tensor.prototype;
T.squeeze = function (dim) { return S.squeeze(this, dim); };
T.unsqueeze = function (dim) { return S.unsqueeze(this, dim); };
T.flatten = function (startDim, endDim) { return S.flatten(this, startDim, endDim); };
T.unflatten = function (dim, sizes) { return S.unflatten(this, dim, sizes); };
T.select = function (dim, index) { return S.select(this, dim, index); };
T.split = function (sizes, dim) { return S.split(this, sizes, dim); };
T.chunk = function (chunks, dim) { return S.chunk(this, chunks, dim); };
T.repeat = function (...sizes) { return S.repeat(this, ...listArg(sizes)); };
T.tile = function (...reps) { return S.tile(this, listArg(reps)); };
T.tril = function (diagonal) { return S.tril(this, diagonal); };
T.triu = function (diagonal) { return S.triu(this, diagonal); };
T.indexSelect = function (dim, index) { return S.indexSelect(this, dim, index); };
T.movedim = function (source, destination) { return S.movedim(this, source, destination); };
