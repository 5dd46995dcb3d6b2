/**
 * Names the layer an error came from. While fit, evaluate, predict or summary run, a forward
 * pre-hook on every submodule pushes (dotted name, index) and a forward hook pops it, so when a
 * MyelinError escapes, the innermost module still open is the one that raised it. The error is
 * rethrown with the same class, its message prefixed: `Linear 'fc1' (layer 3): expected …`.
 * The index is the module's position in `namedModules()` after the model itself (0-based), the
 * row order of `summary`.
 */
import { MyelinError } from '../errors.js';
import { runScoped } from '../scope.js';
import type { Module } from '../nn/module.js';

interface Frame {
  name: string;
  index: number;
  module: Module;
}

const wrapped = new WeakSet<Error>();

/** Tracks which submodule is running; `remove()` takes its hooks off again. */
export class LayerContext {
  private readonly stack: Frame[] = [];
  private readonly removers: (() => void)[] = [];

  constructor(model: Module) {
    const seen = new Set<Module>([model]);
    let index = 0;
    for (const [name, module] of model.namedModules()) {
      if (seen.has(module)) continue;
      seen.add(module);
      const frame: Frame = { name, index: index++, module };
      this.removers.push(module.registerForwardPreHook(() => void this.stack.push(frame)));
      // drop this frame and anything a caught error left open above it
      this.removers.push(module.registerForwardHook(() => void (this.stack.length = Math.max(0, this.stack.lastIndexOf(frame)))));
    }
  }

  /** Runs fn; a MyelinError thrown inside a submodule comes out naming it. */
  run<T>(fn: () => T): T {
    this.stack.length = 0;
    try {
      return fn();
    } catch (e) {
      throw this.wrap(e);
    } finally {
      this.stack.length = 0;
    }
  }

  /** `e` renamed after the innermost open submodule (same class, original as `cause`), else `e`. */
  wrap(e: unknown): unknown {
    const frame = this.stack.at(-1);
    this.stack.length = 0;
    if (!(e instanceof MyelinError) || frame === undefined || wrapped.has(e)) return e;
    // an error that already names its layer (AnomalyError) is left as it is
    if (typeof (e as { layer?: unknown }).layer === 'string') return e;
    const cls = frame.module.constructor.name;
    const label = `${cls} '${frame.name}' (layer ${frame.index})`;
    const message = e.message.startsWith(`${cls}: `) ? `${label}: ${e.message.slice(cls.length + 2)}` : `${label}: ${e.message}`;
    const Ctor = e.constructor as new (message: string) => MyelinError;
    let out: MyelinError;
    try {
      out = new Ctor(message);
    } catch {
      out = e;
      out.message = message;
    }
    if (out !== e) out.cause = e;
    wrapped.add(out);
    return out;
  }

  remove(): void {
    for (const r of this.removers.splice(0)) r();
  }
}

/** Runs fn(ctx) with a LayerContext on `model`, removing its hooks afterwards (sync or async). */
export function withLayerContext<T>(model: Module, fn: (ctx: LayerContext) => T): T {
  const ctx = new LayerContext(model);
  return runScoped(() => fn(ctx), () => ctx.remove());
}
