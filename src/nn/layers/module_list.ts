/** ModuleList: a list of child modules, registered by position ('0', '1', …); PyTorch's nn.ModuleList. */
import { ArgumentError, IndexError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { childMap } from './sequential.js';

/**
 * Holds modules so their parameters are found; it has no forward of its own.
 * @example const l = new ModuleList([new Linear(2, 2), new Linear(2, 2)]); [...l.namedParameters()].map(([k]) => k) // ['0.weight', '0.bias', '1.weight', '1.bias']
 */
export class ModuleList extends Module {
  private items: Module[];

  constructor(modules: Iterable<Module> = []) {
    super();
    this.items = [...childMap('ModuleList', [...modules]).values()];
  }

  override *namedChildren(): Generator<[string, Module]> {
    for (const [i, m] of this.items.entries()) yield [String(i), m];
  }

  forward(..._inputs: Tensor[]): Tensor {
    throw new ArgumentError('ModuleList: has no forward; call its modules');
  }

  get length(): number {
    return this.items.length;
  }

  /** The i-th module (negative counts from the end). */
  at(i: number): Module {
    const k = i < 0 ? i + this.items.length : i;
    const m = this.items[k];
    if (!m || !Number.isInteger(k)) throw new IndexError(`ModuleList: index ${i} is out of range for ${this.items.length} modules`);
    return m;
  }

  append(m: Module): this {
    return this.extend([m]);
  }

  extend(modules: Iterable<Module>): this {
    this.items.push(...childMap('ModuleList', [...modules]).values());
    return this;
  }

  /** Inserts m before index i (later modules are renumbered, as in PyTorch). */
  insert(i: number, m: Module): this {
    const k = Math.max(0, Math.min(this.items.length, i < 0 ? i + this.items.length : i));
    this.items.splice(k, 0, childMap('ModuleList', [m]).get('0')!);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.items[Symbol.iterator]();
  }
}
