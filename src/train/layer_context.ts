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
import { type LayerEntry, layerLabel, layerList } from '../nn/layer_list.js';

const wrapped = new WeakSet<Error>();

/** Tracks which submodule is running; `remove()` takes its hooks off again. */
export class LayerContext {
  private readonly stack: LayerEntry[] = [];
  private readonly removers: (() => void)[] = [];

  constructor(readonly model: Module) {
    // a fresh forward of the model closes frames that an error left open
    // passive: the hooks only keep the stack, so layer fusion (nn/fuse.ts) stays on
    const passive = { passive: true };
    this.removers.push(model.registerForwardPreHook(() => void (this.stack.length = 0), passive));
    for (const frame of layerList(model)) {
      this.removers.push(frame.module.registerForwardPreHook(() => void this.stack.push(frame), passive));
      // drop this frame and anything a caught error left open above it
      this.removers.push(frame.module.registerForwardHook(() => void (this.stack.length = Math.max(0, this.stack.lastIndexOf(frame))), passive));
    }
  }

  /** The innermost running layer's label ("Linear 'fc1' (layer 3)"), or undefined outside every layer. */
  label(): string | undefined {
    const frame = this.stack.at(-1);
    return frame === undefined ? undefined : layerLabel(frame);
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
    const label = layerLabel(frame);
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
    this.stack.length = 0;
  }
}

/** Runs fn(ctx) with a LayerContext on `model`, removing its hooks afterwards (sync or async). */
export function withLayerContext<T>(model: Module, fn: (ctx: LayerContext) => T): T {
  const ctx = new LayerContext(model);
  return runScoped(() => fn(ctx), () => ctx.remove());
}
