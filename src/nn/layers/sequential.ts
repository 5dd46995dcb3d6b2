/**
 * Sequential: a chain of modules, each fed the previous one's output (PyTorch's nn.Sequential).
 * Children are named '0', '1', … or by the keys of a Record/Map, in the order given, so state-dict
 * keys match PyTorch's (`0.weight`, `2.bias`, `conv.weight`).
 */
import { ArgumentError, IndexError } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { runChain } from '../fuse.js';

/** Checks a child name the way PyTorch's add_module does. */
export function checkChildName(owner: string, name: string): void {
  if (name === '' || name.includes('.')) throw new ArgumentError(`${owner}: module name must be non-empty and contain no '.', got '${name}'`);
}

/** Named children as an ordered Map, from a list, a Record or a Map. */
export function childMap(owner: string, modules: readonly Module[] | Readonly<Record<string, Module>> | ReadonlyMap<string, Module>): Map<string, Module> {
  const entries: [string, Module][] = Array.isArray(modules)
    ? modules.map((m, i) => [String(i), m])
    : modules instanceof Map ? [...modules] : Object.entries(modules as Record<string, Module>);
  for (const [k, m] of entries) {
    checkChildName(owner, k);
    if (!(m instanceof Module)) throw new ArgumentError(`${owner}: '${k}' is not a Module`);
  }
  return new Map(entries);
}

/**
 * x -> m_k(…m_1(m_0(x))), through each child's `call` so hooks run (a Linear or Conv2d followed
 * by a ReLU runs as one fused op when no hook observes either: nn/fuse.ts).
 * @example new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2)).call(ones([3, 4])).shape // [3, 2]
 * @example [...new Sequential({ fc: new Linear(2, 2), act: new Tanh() }).stateDict().keys()] // ['fc.weight', 'fc.bias']
 */
export class Sequential extends Module {
  private readonly items: Map<string, Module>;

  constructor(...modules: Module[]);
  constructor(named: Readonly<Record<string, Module>> | ReadonlyMap<string, Module>);
  constructor(...args: Module[] | [Readonly<Record<string, Module>> | ReadonlyMap<string, Module>]) {
    super();
    const first = args[0];
    const isNamed = args.length === 1 && !(first instanceof Module);
    this.items = childMap('Sequential', isNamed ? (first as Readonly<Record<string, Module>> | ReadonlyMap<string, Module>) : (args as Module[]));
  }

  override *namedChildren(): Generator<[string, Module]> {
    yield* this.items;
  }

  forward(x: Tensor): Tensor {
    // a Linear/Conv2d + ReLU pair runs as one op when nothing observes it (nn/fuse.ts)
    return runChain([...this.items.values()], x);
  }

  /** Number of children. */
  get length(): number {
    return this.items.size;
  }

  /**
   * The i-th child (negative counts from the end).
   * @example new Sequential(new ReLU(), new Tanh()).at(-1).toString() // 'Tanh()'
   */
  at(i: number): Module {
    const n = this.items.size;
    const k = i < 0 ? i + n : i;
    if (!Number.isInteger(k) || k < 0 || k >= n) throw new IndexError(`Sequential: index ${i} is out of range for ${n} modules`);
    return [...this.items.values()][k]!;
  }

  /** The child named `name`, e.g. '0' or 'conv'. */
  get(name: string): Module | undefined {
    return this.items.get(name);
  }

  /** Adds `m` at the end, named by its position. */
  append(m: Module): this {
    this.items.set(String(this.items.size), childMap('Sequential', [m]).get('0')!);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.items.values();
  }
}
