/**
 * Optimizer: the base class of every optimizer (MLX's shape, PyTorch 1.13's semantics). It keeps
 * the parameter groups and per-parameter state, walks the parameters that have a gradient,
 * creates a parameter's state on its first step (`initState`) and hands parameter, gradient,
 * state and group options to the subclass's `update`. It knows no update rule itself.
 * Updates write the parameter's storage in place, outside the graph.
 */
import { ArgumentError, AutogradError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { enableGrad, noGrad } from '../autograd/grad_mode.js';
import { cast } from '../ops/primitive.js';
import { zerosLike } from '../tensor/create.js';
import { isInferenceMode } from '../nn/inference_mode.js';

/** Options every parameter group has. */
export interface OptimizerOptions {
  /** Learning rate. */
  lr: number;
  /**
   * Run the optimizer's single-pass typed-array loop (default true); false runs the tensor-op
   * reference. Both give the same numbers.
   */
  fused?: boolean;
  /** The lr a schedule starts from, set by the first LR scheduler attached (PyTorch's `initial_lr`). */
  initialLr?: number;
}

/** A parameter group: the tensors and the options they are updated with. */
export type ParamGroup<O extends OptimizerOptions = OptimizerOptions> = O & { params: Tensor[] };

/** A group as passed in: its tensors plus any options that differ from the optimizer's defaults. */
export type ParamGroupSpec<O extends OptimizerOptions = OptimizerOptions> = Partial<O> & { params: Iterable<Tensor> };

/** What optimizers accept: tensors (one group), or groups with their own options. */
export type ParamsInput<O extends OptimizerOptions = OptimizerOptions> = Iterable<Tensor> | readonly ParamGroupSpec<O>[];

/** One parameter's optimizer state: buffers shaped like the parameter, and counters. */
export type ParamState = { [key: string]: Tensor | number | undefined };

/** Serialisable optimizer state (PyTorch's layout): state keyed by parameter index, groups with indices. */
export interface OptimizerStateDict<O extends OptimizerOptions = OptimizerOptions> {
  state: Record<number, Record<string, Tensor | number>>;
  paramGroups: (Omit<O, 'params'> & { params: number[] })[];
}

/** Rounds a JS number the way a kernel of `dtype` stores it: float32 rounds, float64 keeps. */
export type Round = (x: number) => number;
const keep: Round = (x) => x;
export const rounder = (dtype: DType): Round => (dtype === 'float32' ? Math.fround : keep);

/** The float array a fused update reads or writes. */
export type FloatArray = Float32Array | Float64Array;

/** Throws `<op>: invalid <what> <v> …` unless lo <= v (and v < hi when hi is given). */
export function checkRange(op: string, what: string, v: number, lo: number, hi?: number): void {
  if (typeof v !== 'number' || !(v >= lo) || (hi !== undefined && !(v < hi))) {
    throw new ArgumentError(`${op}: invalid ${what} ${String(v)} (expected ${hi === undefined ? `>= ${lo}` : `in [${lo}, ${hi})`})`);
  }
}

/** Checks `betas` is a pair of numbers in [0, 1). */
export function checkBetas(op: string, betas: readonly [number, number]): void {
  if (!Array.isArray(betas) || betas.length !== 2) throw new ArgumentError(`${op}: betas must be a pair [beta1, beta2], got ${String(betas)}`);
  checkRange(op, 'beta1', betas[0], 0, 1);
  checkRange(op, 'beta2', betas[1], 0, 1);
}

/** The state buffer of a fused update (state tensors are always fresh and contiguous). */
export const buffer = (t: Tensor): FloatArray => t.data as FloatArray;

/**
 * Base of every optimizer: subclasses supply `validate`, `initState` and `update` (and optionally
 * `fusedUpdate`); the base walks the groups, keeps the state and (de)serialises it.
 * @example
 * class SignDescent extends Optimizer<OptimizerOptions, { step: number }> {
 *   constructor(params: Tensor[], lr: number) { super(params, { lr }); }
 *   protected validate() {}
 *   protected initState() { return { step: 0 }; }
 *   protected update(p: Tensor, g: Tensor, s: { step: number }, o: OptimizerOptions) { s.step++; assign_(p, p.sub(g.sign().mul(o.lr))); }
 * }
 * const w = new Parameter(tensor([1, -1]));
 * const opt = new SignDescent([w], 0.5);
 * w.mul(w).sum().backward(); opt.step();
 * w.toArray() // [0.5, -0.5]
 */
export abstract class Optimizer<O extends OptimizerOptions = OptimizerOptions, S extends ParamState = ParamState> {
  /** Options a group gets for anything it does not set. */
  readonly defaults: O;
  /** The groups; their options (lr, momentum, betas…) may be changed between steps. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, created on a parameter's first step. */
  readonly state = new Map<Tensor, S>();
  /** The class name errors start with (each optimizer overrides it). */
  protected get name(): string {
    return 'Optimizer';
  }

  /**
   * @param params tensors, or groups `{ params, ...options }`
   * @param defaults complete options for groups that do not set them
   */
  constructor(params: ParamsInput<O>, defaults: O) {
    const name = this.name;
    this.validate(defaults);
    this.defaults = defaults;
    if (params instanceof Tensor || params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw new ArgumentError(`${name}: params must be an iterable of Tensors or of parameter groups`);
    }
    const items: (Tensor | ParamGroupSpec<O>)[] = [...params];
    if (items.length === 0) throw new ArgumentError(`${name}: got an empty parameter list`);
    if (items.every((x) => x instanceof Tensor)) this.addParamGroup({ params: items as Tensor[] } as unknown as ParamGroupSpec<O>);
    else for (const g of items) this.addParamGroup(g as ParamGroupSpec<O>);
  }

  /** Checks a group's options; throws an ArgumentError that starts with the optimizer's name. */
  protected abstract validate(options: O): void;
  /** A parameter's fresh state (zero buffers, counters at 0). */
  protected abstract initState(p: Tensor, options: O): S;
  /** The reference update: tensor ops (no graph), results written with `assign_`. */
  protected abstract update(p: Tensor, grad: Tensor, state: S, options: O): void;
  /**
   * The same update as one loop over the elements. `w` is the parameter's storage, `round`
   * makes every intermediate a value of the parameter's dtype, as the reference's kernels do.
   */
  protected fusedUpdate?(p: Tensor, w: FloatArray, grad: FloatArray, state: S, options: O, round: Round): void;

  /**
   * Adds a group (e.g. layers unfrozen while fine-tuning), filling options from the defaults.
   * @example
   * const a = new Parameter(ones([2])), b = new Parameter(ones([3]));
   * const opt = new SGD([a], { lr: 0.1 });
   * opt.addParamGroup({ params: [b], lr: 0.01 });
   * opt.paramGroups.map((g) => g.lr) // [0.1, 0.01]
   */
  addParamGroup(spec: ParamGroupSpec<O>): void {
    if (spec === null || typeof spec !== 'object' || spec instanceof Tensor || !('params' in spec)) {
      throw new ArgumentError(`${this.name}: a parameter group must be an object { params, ...options }`);
    }
    const params = spec.params instanceof Tensor ? [spec.params] : [...spec.params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new ArgumentError(`${this.name}: can only optimize Tensors, got ${p === null ? 'null' : typeof p}`);
      if (!p.isLeaf) throw new ArgumentError(`${this.name}: can't optimize a non-leaf Tensor`);
      // NOTE: updates write the storage row-major, so a strided view (a slice, a transpose) can't be a parameter
      if (!p.isContiguous()) throw new ArgumentError(`${this.name}: parameters must be contiguous, got a view with strides [${p.strides.join(',')}]`);
      if (seen.has(p)) throw new ArgumentError(`${this.name}: a parameter appears more than once in the parameter groups`);
      seen.add(p);
    }
    const group = { ...structuredClone(this.defaults), ...spec, params } as ParamGroup<O>;
    this.validate(group);
    this.paramGroups.push(group);
  }

  /**
   * One update of every parameter that has a gradient. `closure` (re-evaluating the loss, with
   * grad mode on) is run first and its result returned.
   * @example
   * const w = new Parameter(tensor([1, 2]));
   * const opt = new SGD([w], { lr: 0.1 });
   * w.mul(w).sum().backward();   // dL/dw = 2w
   * opt.step();
   * w.toArray() // [0.8, 1.6]
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    if (isInferenceMode()) throw new AutogradError(`${this.name}.step: called inside inferenceMode, whose weights must stay fixed (packed once for the scope); step outside it`);
    const loss = closure ? enableGrad(closure) : undefined;
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          if (p.grad === null) continue;
          if (!shapesEqual(p.grad.shape, p.shape)) throw new ShapeError(`${this.name}.step: gradient shape ${fmtShape(p.grad.shape)} does not match the parameter's ${fmtShape(p.shape)}`);
          let s = this.state.get(p);
          if (s === undefined) {
            s = this.initState(p, group);
            this.state.set(p, s);
          }
          const useFused = (group.fused ?? true) && this.fusedUpdate !== undefined && (p.dtype === 'float32' || p.dtype === 'float64');
          if (useFused) {
            const w = p.data.subarray(p.offset, p.offset + p.numel) as FloatArray;
            this.fusedUpdate!(p, w, flatFloats(p.grad), s, group, rounder(p.dtype));
          } else {
            this.update(p, p.grad, s, group);
          }
        }
      }
    });
    return loss;
  }

  /**
   * Zeroes every parameter's gradient in place (PyTorch 1.13's default), or drops it with
   * `setToNone`; a parameter without a gradient is skipped by `step`.
   * @example
   * const w = new Parameter(ones([2]));
   * w.sum().backward();
   * new SGD([w], { lr: 1 }).zeroGrad();
   * w.grad!.toArray() // [0, 0]
   */
  zeroGrad(setToNone = false): void {
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else if (p.grad.isContiguous()) p.grad.data.fill(0, p.grad.offset, p.grad.offset + p.grad.numel);
        else p.grad = zerosLike(p.grad);
      }
    }
  }

  /**
   * The state to checkpoint: buffers (copies) and counters keyed by parameter index (order of
   * the groups, then of their params), and each group's options with indices for its params.
   * @example
   * const w = new Parameter(ones([2]));
   * const opt = new Adam([w], { lr: 0.1 });
   * w.sum().backward();
   * opt.step();
   * opt.stateDict().state[0]!.step // 1
   */
  stateDict(): OptimizerStateDict<O> {
    const state: Record<number, Record<string, Tensor | number>> = {};
    let index = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...options } = g;
      const indices = params.map((p) => {
        const s = this.state.get(p);
        if (s !== undefined) state[index] = copyState(s);
        return index++;
      });
      return { ...structuredClone(options), params: indices } as Omit<O, 'params'> & { params: number[] };
    });
    return { state, paramGroups };
  }

  /**
   * Restores `stateDict()` output: group options, and each parameter's state copied and cast
   * to the parameter's dtype, so the next steps continue exactly where the saved run stopped.
   * @example
   * const make = () => new Parameter(ones([2]));
   * const a = make(), opt = new SGD([a], { lr: 0.1, momentum: 0.9 });
   * a.sum().backward(); opt.step();
   * const b = make(), resumed = new SGD([b], { lr: 0.5 });
   * resumed.loadStateDict(opt.stateDict());
   * resumed.paramGroups[0]!.lr // 0.1
   */
  loadStateDict(sd: OptimizerStateDict<O>): void {
    const op = `${this.name}.loadStateDict`;
    if (sd === null || typeof sd !== 'object' || !Array.isArray(sd.paramGroups) || sd.state === null || typeof sd.state !== 'object') {
      throw new ArgumentError(`${op}: expected { state, paramGroups }`);
    }
    if (sd.paramGroups.length !== this.paramGroups.length) {
      throw new ArgumentError(`${op}: the state dict has ${sd.paramGroups.length} parameter groups, the optimizer ${this.paramGroups.length}`);
    }
    sd.paramGroups.forEach((saved, i) => {
      if (!Array.isArray(saved.params) || saved.params.length !== this.paramGroups[i]!.params.length) {
        throw new ArgumentError(`${op}: group ${i} has ${this.paramGroups[i]!.params.length} params, the state dict's has ${saved.params?.length}`);
      }
    });
    // build everything first, so a bad entry leaves the optimizer untouched
    const groups = sd.paramGroups.map((saved, i) => {
      const { params: indices, ...options } = saved;
      const group = { ...structuredClone(options), params: this.paramGroups[i]!.params } as unknown as ParamGroup<O>;
      this.validate(group);
      return { group, indices };
    });
    const state = new Map<Tensor, S>();
    for (const { group, indices } of groups) {
      group.params.forEach((p, j) => {
        const saved = sd.state[indices[j]!];
        if (saved !== undefined) state.set(p, this.restoreState(op, p, group, saved));
      });
    }
    groups.forEach(({ group }, i) => (this.paramGroups[i] = group));
    this.state.clear();
    for (const [p, s] of state) this.state.set(p, s);
  }

  private restoreState(op: string, p: Tensor, options: O, saved: Record<string, Tensor | number>): S {
    const fresh: ParamState = this.initState(p, options);
    for (const key of Object.keys(fresh)) {
      if (fresh[key] !== undefined && !(key in saved)) throw new ArgumentError(`${op}: the state of a parameter lacks '${key}'`);
    }
    for (const [key, v] of Object.entries(saved)) {
      if (typeof v === 'number') {
        if (fresh[key] instanceof Tensor) throw new ArgumentError(`${op}: state '${key}' must be a Tensor, got a number`);
        fresh[key] = v;
      } else if (v instanceof Tensor) {
        if (!shapesEqual(v.shape, p.shape)) throw new ShapeError(`${op}: state '${key}' has shape ${fmtShape(v.shape)}, the parameter ${fmtShape(p.shape)}`);
        fresh[key] = noGrad(() => cast(v, p.dtype, true));
      } else {
        throw new ArgumentError(`${op}: state '${key}' must be a Tensor or a number`);
      }
    }
    return fresh as S;
  }
}

function copyState(s: ParamState): Record<string, Tensor | number> {
  const out: Record<string, Tensor | number> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v instanceof Tensor) out[k] = noGrad(() => cast(v, v.dtype, true));
    else if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** The elements of `t` as a float array: its own storage when contiguous, else a copy. */
function flatFloats(t: Tensor): FloatArray {
  const a = t.isContiguous() ? t.data.subarray(t.offset, t.offset + t.numel) : t.toTypedArray();
  return a instanceof Float32Array || a instanceof Float64Array ? a : Float64Array.from(a);
}
