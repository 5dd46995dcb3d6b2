/**
 * Remembers the constructor arguments of built-in layers, so a model built in code can be saved
 * as an architecture (`{ type: 'Linear', args: [4, 8] }`) and rebuilt with no user code. The
 * layers barrel wraps each class with `recordArgs`; a subclass (new.target is not the layer
 * itself) is not recorded, since its constructor may mean something else.
 */
import type { Module } from './module.js';

export interface ConstructorCall {
  readonly type: string;
  readonly args: readonly unknown[];
}

const calls = new WeakMap<Module, ConstructorCall>();

/** The class itself, behaving identically, except that `new` records (type, args). */
export function recordArgs<C extends abstract new (...args: never[]) => Module>(cls: C, type: string): C {
  const proxy: C = new Proxy(cls, {
    construct(target, args, newTarget) {
      const obj = Reflect.construct(target, args, newTarget) as Module;
      if (newTarget === proxy) calls.set(obj, { type, args });
      return obj;
    },
  });
  return proxy;
}

/**
 * How a built-in layer was constructed, or undefined for other modules.
 * @example constructorCall(new Linear(4, 8))!.args // [4, 8]
 */
export function constructorCall(m: Module): ConstructorCall | undefined {
  return calls.get(m);
}
