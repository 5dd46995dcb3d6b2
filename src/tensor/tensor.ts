/**
 * The Tensor: a strided view (data, shape, strides, offset) over a typed array, plus autograd
 * state. Views share `data`; ops never write into their inputs. Op methods (x.add(y), x.sum())
 * are attached by the family files under src/tensor/methods/, installed by importing 'myelin'.
 */
import { AutogradError, DTypeError, ArgumentError, IndexError } from '../errors.js';
import type { Node } from '../autograd/node.js';
import { type DType, type TypedArray, isFloating } from './dtype.js';
import { type Shape, contiguousStrides, numel } from './shape.js';
import { formatTensor } from './format.js';
import { toNested, type NestedArray } from './nested.js';

export type GradHook = (grad: Tensor) => Tensor | void;

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
}

type BackwardFn = (t: Tensor, gradient: Tensor | undefined, opts: BackwardOptions) => void;
let backwardImpl: BackwardFn | undefined;
/** Set by the autograd engine at load time (breaks the tensor <-> engine import cycle). */
export function setBackwardImpl(fn: BackwardFn): void {
  backwardImpl = fn;
}

export class Tensor {
  /** Storage shared by every view of it. Read through `toTypedArray()` unless you know the strides. */
  readonly data: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  /** Accumulated gradient of a leaf (or of a non-leaf after `retainGrad()`). */
  grad: Tensor | null = null;
  /** The node that produced this tensor, or null for leaves. */
  gradFn: Node | null = null;
  /** Hooks run on this tensor's gradient during backward. */
  readonly hooks: GradHook[] = [];
  isGradRetained = false;
  private leafRequiresGrad = false;

  constructor(data: TypedArray, shape: Shape, dtype: DType, strides?: readonly number[], offset = 0) {
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
  }

  get ndim(): number { return this.shape.length; }
  get numel(): number { return numel(this.shape); }
  get isLeaf(): boolean { return this.gradFn === null; }
  get requiresGrad(): boolean { return this.leafRequiresGrad || this.gradFn !== null; }
  set requiresGrad(flag: boolean) { this.requiresGrad_(flag); }

  /** Size of one dim (negative counts from the end), or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    if (dim === undefined) return [...this.shape];
    const d = dim < 0 ? dim + this.ndim : dim;
    const s = this.shape[d];
    if (s === undefined || !Number.isInteger(d)) throw new IndexError(`size: dim ${dim} out of range for a ${this.ndim}-d tensor`);
    return s;
  }

  /** Marks a leaf as a parameter whose gradient `backward()` accumulates into `.grad`. */
  requiresGrad_(flag = true): this {
    if (!this.isLeaf) throw new AutogradError('requiresGrad_: only leaf tensors can change requiresGrad; use detach() first');
    if (flag && !isFloating(this.dtype)) throw new DTypeError(`requiresGrad_: only float tensors can require grad, got ${this.dtype}`);
    this.leafRequiresGrad = flag;
    return this;
  }

  /** Keeps `.grad` for this non-leaf tensor after backward. */
  retainGrad(): this {
    this.isGradRetained = true;
    return this;
  }

  /**
   * Registers a hook run on this tensor's gradient; returning a tensor replaces the gradient.
   * @returns a function that removes the hook
   */
  registerHook(hook: GradHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /**
   * Back-propagates from this tensor, accumulating into `.grad` of every leaf that requires grad.
   * @param gradient dL/dthis; optional for a one-element tensor (taken as 1)
   */
  backward(gradient?: Tensor, opts: BackwardOptions = {}): void {
    if (!backwardImpl) throw new AutogradError('backward: autograd engine not loaded (import from "myelin")');
    backwardImpl(this, gradient, opts);
  }

  /** A tensor sharing this one's data but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype, this.strides, this.offset);
  }

  /** True when elements are laid out row-major without gaps (offset may be non-zero). */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.ndim - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== expected) return false;
      expected *= this.shape[i]!;
    }
    return true;
  }

  /** The elements, row-major, as a fresh typed array (bool as Uint8Array of 0/1). */
  toTypedArray(): TypedArray {
    const n = this.numel;
    if (this.isContiguous()) return this.data.slice(this.offset, this.offset + n);
    const out = new (this.data.constructor as new (n: number) => TypedArray)(n);
    const nd = this.ndim;
    const idx = new Array<number>(nd).fill(0);
    let src = this.offset;
    for (let i = 0; i < n; i++) {
      out[i] = this.data[src]!;
      for (let d = nd - 1; d >= 0; d--) {
        idx[d]!++;
        src += this.strides[d]!;
        if (idx[d]! < this.shape[d]!) break;
        src -= this.strides[d]! * this.shape[d]!;
        idx[d] = 0;
      }
    }
    return out;
  }

  /** The elements as a plain JS number array, row-major. Bools come back as booleans in toArray(). */
  toFlatArray(): number[] {
    return Array.from(this.toTypedArray());
  }

  /** Nested JS arrays (a number for a 0-d tensor); bool tensors give booleans. */
  toArray(): NestedArray {
    return toNested(this.toTypedArray(), this.shape, this.dtype === 'bool');
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.numel !== 1) throw new ArgumentError(`item: tensor has ${this.numel} elements, expected exactly 1 (shape [${this.shape.join(',')}])`);
    return this.data[this.offset]!;
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
