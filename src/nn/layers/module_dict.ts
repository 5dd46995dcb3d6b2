/** ModuleDict: child modules by name, in insertion order; PyTorch's nn.ModuleDict. */
import { ArgumentError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { checkChildName, childMap } from './sequential.js';

/**
 * Holds named modules so their parameters are found (keys become state-dict prefixes); no forward.
 * A Record orders integer-like keys first (JavaScript's rule); pass a Map to keep any order.
 * @example const d = new ModuleDict({ enc: new Linear(2, 3) }); [...d.stateDict().keys()] // ['enc.weight', 'enc.bias']
 */
export class ModuleDict extends Module {
  private readonly items: Map<string, Module>;

  constructor(modules: Readonly<Record<string, Module>> | ReadonlyMap<string, Module> = {}) {
    super();
    this.items = childMap('ModuleDict', modules);
  }

  override *namedChildren(): Generator<[string, Module]> {
    yield* this.items;
  }

  forward(..._inputs: Tensor[]): Tensor {
    throw new ArgumentError('ModuleDict: has no forward; call its modules');
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): Module | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Adds or replaces the module under `key` (a replaced key keeps its position). */
  set(key: string, m: Module): this {
    checkChildName('ModuleDict', key);
    if (!(m instanceof Module)) throw new ArgumentError(`ModuleDict: '${key}' is not a Module`);
    this.items.set(key, m);
    return this;
  }

  delete(key: string): boolean {
    return this.items.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  values(): IterableIterator<Module> {
    return this.items.values();
  }

  entries(): IterableIterator<[string, Module]> {
    return this.items.entries();
  }
}
