/**
 * Module: the base of every layer and model, PyTorch-style. Parameters and child modules are
 * found by walking the instance's own fields in definition order (PyTorch's registration order),
 * so `this.fc1 = new Linear(4, 8)` is all a subclass writes. Buffers (running statistics) are
 * registered explicitly. State-dict keys match PyTorch's (`fc1.weight`, `0.bias`, `bn.running_mean`).
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { Parameter, assign_ } from './parameter.js';

export type ForwardPreHook = (module: Module, inputs: readonly Tensor[]) => readonly Tensor[] | void;
export type ForwardHook = (module: Module, inputs: readonly Tensor[], output: Tensor) => Tensor | void;

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Subclass it, assign layers and Parameters to fields, and write forward.
 * @example
 * class Net extends Module {
 *   fc = new Linear(4, 2);
 *   forward(x: Tensor): Tensor { return relu(this.fc.call(x)); }
 * }
 * [...new Net().stateDict().keys()] // ['fc.weight', 'fc.bias']
 */
export abstract class Module {
  /** Training mode (dropout active, batch-norm statistics updated) versus eval mode. */
  training = true;
  private readonly bufferNames = new Set<string>();
  private readonly nonPersistent = new Set<string>();
  private readonly preHooks: ForwardPreHook[] = [];
  private readonly hooks: ForwardHook[] = [];

  /** The computation. Call the module through `call()` so hooks run. */
  abstract forward(...inputs: Tensor[]): Tensor;

  /**
   * Runs forward with the registered hooks (what PyTorch's `module(x)` does).
   * @example new Identity().call(ones([2])).toArray() // [1, 1]
   */
  call(...inputs: Tensor[]): Tensor {
    let xs: readonly Tensor[] = inputs;
    for (const h of this.preHooks) xs = h(this, xs) ?? xs;
    let y = this.forward(...xs);
    for (const h of this.hooks) y = h(this, xs, y) ?? y;
    return y;
  }

  /**
   * `call` with another computation in place of `forward`, hooks and all: how a container runs a
   * fused pair of layers (see nn/fuse.ts) while each layer's passive hooks still see it run.
   */
  callWith(inputs: readonly Tensor[], run: (...xs: Tensor[]) => Tensor): Tensor {
    let xs: readonly Tensor[] = inputs;
    for (const h of this.preHooks) xs = h(this, xs) ?? xs;
    let y = run(...xs);
    for (const h of this.hooks) y = h(this, xs, y) ?? y;
    return y;
  }

  /**
   * A hook run before forward; it may replace the inputs. Returns a remover. `passive`: the hook
   * neither reads nor replaces tensors (bookkeeping only), so layer fusion may still happen; a
   * function instead says so call by call (a monitor that only reads on sampled steps).
   */
  registerForwardPreHook(hook: ForwardPreHook, opts: { passive?: boolean | (() => boolean) } = {}): () => void {
    if (opts.passive) passiveHooks.set(hook, opts.passive);
    return addHook(this.preHooks, hook);
  }

  /**
   * A hook run after forward with (module, inputs, output); it may replace the output. Returns a
   * remover. `passive`: as for registerForwardPreHook.
   */
  registerForwardHook(hook: ForwardHook, opts: { passive?: boolean | (() => boolean) } = {}): () => void {
    if (opts.passive) passiveHooks.set(hook, opts.passive);
    return addHook(this.hooks, hook);
  }

  /** True when a forward hook that is not passive now could read or replace this module's tensors. */
  get isObserved(): boolean {
    return this.preHooks.some((h) => !isPassive(h)) || this.hooks.some((h) => !isPassive(h));
  }

  /**
   * Runs `hook(gradOutput)` on the gradient flowing into this module's output during backward
   * (a tensor hook on each output). Returns a remover.
   */
  registerBackwardHook(hook: (module: Module, gradOutput: Tensor) => Tensor | void): () => void {
    return this.registerForwardHook((_m, _xs, y) => {
      if (y.requiresGrad) y.registerHook((g) => hook(this, g));
    });
  }

  /** Registers a tensor that is state but not a parameter (e.g. running_mean). */
  protected registerBuffer(name: string, value: Tensor, persistent = true): Tensor {
    this.bufferNames.add(name);
    if (!persistent) this.nonPersistent.add(name);
    (this as unknown as Record<string, Tensor>)[name] = value;
    return value;
  }

  /** Direct children, in definition order. */
  *namedChildren(): Generator<[string, Module]> {
    for (const [k, v] of Object.entries(this)) if (v instanceof Module) yield [k, v];
  }

  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  /** This module and every descendant, depth-first, with dotted names ('' for this one). */
  *namedModules(prefix = ''): Generator<[string, Module]> {
    yield [prefix, this];
    for (const [k, m] of this.namedChildren()) yield* m.namedModules(prefix ? `${prefix}.${k}` : k);
  }

  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /** Parameters with dotted names, each once even if shared. */
  *namedParameters(prefix = '', recurse = true): Generator<[string, Parameter]> {
    const seen = new Set<Parameter>();
    const mods = recurse ? this.namedModules(prefix) : [[prefix, this] as [string, Module]];
    for (const [mp, m] of mods) {
      for (const [k, v] of Object.entries(m)) {
        if (v instanceof Parameter && !seen.has(v)) {
          seen.add(v);
          yield [mp ? `${mp}.${k}` : k, v];
        }
      }
    }
  }

  *parameters(recurse = true): Generator<Parameter> {
    for (const [, p] of this.namedParameters('', recurse)) yield p;
  }

  *namedBuffers(prefix = ''): Generator<[string, Tensor]> {
    for (const [mp, m] of this.namedModules(prefix)) {
      for (const k of m.bufferNames) {
        const v = (m as unknown as Record<string, unknown>)[k];
        if (v instanceof Tensor) yield [mp ? `${mp}.${k}` : k, v];
      }
    }
  }

  *buffers(): Generator<Tensor> {
    for (const [, b] of this.namedBuffers()) yield b;
  }

  /** Sets training mode on this module and every descendant. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Calls fn on every module (children first, then this one), like PyTorch's apply. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /** Number of parameter elements (trainable only when `trainableOnly`). */
  numParameters(trainableOnly = false): number {
    let n = 0;
    for (const p of this.parameters()) if (!trainableOnly || p.requiresGrad) n += p.numel;
    return n;
  }

  /**
   * Parameters and persistent buffers by PyTorch-style key. The tensors are the live ones
   * (detached views of the same storage): copy them if you need a snapshot.
   */
  stateDict(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const seen = new Set<Parameter>();
    // PyTorch's order: each module's parameters, then its buffers, then its children
    for (const [mp, m] of this.namedModules()) {
      for (const [k, v] of Object.entries(m)) {
        if (v instanceof Parameter && !seen.has(v)) {
          seen.add(v);
          out.set(mp ? `${mp}.${k}` : k, v.detach());
        }
      }
      for (const k of m.bufferNames) {
        const v = (m as unknown as Record<string, unknown>)[k];
        if (v instanceof Tensor && !m.nonPersistent.has(k)) out.set(mp ? `${mp}.${k}` : k, v.detach());
      }
    }
    return out;
  }

  /**
   * Copies values from `state` into the parameters and buffers, in place. With `strict` (the
   * default) missing or unexpected keys throw; shapes must match. Nothing is written unless every
   * check passes.
   */
  loadStateDict(state: ReadonlyMap<string, Tensor> | Record<string, Tensor>, opts: { strict?: boolean } = {}): LoadResult {
    const strict = opts.strict ?? true;
    const given = state instanceof Map ? state : new Map(Object.entries(state));
    const own = this.stateDict();
    const missingKeys = [...own.keys()].filter((k) => !given.has(k));
    const unexpectedKeys = [...given.keys()].filter((k) => !own.has(k));
    if (strict && (missingKeys.length || unexpectedKeys.length)) {
      throw new ArgumentError(`loadStateDict: missing keys [${missingKeys.join(', ')}], unexpected keys [${unexpectedKeys.join(', ')}]`);
    }
    for (const [k, dst] of own) {
      const src = given.get(k);
      if (src && !shapesEqual(src.shape, dst.shape)) {
        throw new ShapeError(`loadStateDict: '${k}' has shape ${fmtShape(src.shape)} in the state dict but ${fmtShape(dst.shape)} in the model`);
      }
    }
    for (const [k, dst] of own) {
      const src = given.get(k);
      if (src) assign_(dst, src);
    }
    return { missingKeys, unexpectedKeys };
  }

  /** Extra text inside this module's repr, e.g. `in_features=4, out_features=8`. */
  protected extraRepr(): string {
    return '';
  }

  /** A PyTorch-like tree: `Sequential(\n  (0): Linear(in_features=4, ...)\n)`. */
  toString(): string {
    const kids = [...this.namedChildren()].map(([k, m]) => `(${k}): ${m.toString().replace(/\n/g, '\n  ')}`);
    const name = this.constructor.name;
    if (!kids.length) return `${name}(${this.extraRepr()})`;
    return `${name}(${this.extraRepr() ? '\n  ' + this.extraRepr() : ''}\n  ${kids.join('\n  ')}\n)`;
  }
}

const passiveHooks = new WeakMap<ForwardPreHook | ForwardHook, true | (() => boolean)>();

function isPassive(hook: ForwardPreHook | ForwardHook): boolean {
  const p = passiveHooks.get(hook);
  return p === true || (p !== undefined && p());
}

function addHook<H>(list: H[], hook: H): () => void {
  list.push(hook);
  return () => {
    const i = list.indexOf(hook);
    if (i >= 0) list.splice(i, 1);
  };
}

/**
 * Returns its input unchanged.
 * @example new Identity().forward(ones([3])).shape // [3]
 */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}
