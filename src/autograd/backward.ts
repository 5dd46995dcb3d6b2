/**
 * The reverse-mode engine (micrograd's loop): collect the graph behind the roots, walk it from
 * the newest node to the oldest (node ids are a topological order, since an op's node is made
 * after its inputs'), call each vjp, reduce every gradient to its input's shape (`sumTo`) and
 * accumulate. Saved inputs are dropped as each node is used unless the graph is retained.
 */
import { AutogradError, fmtShape } from '../errors.js';
import { Tensor, setBackwardImpl, type BackwardOptions } from '../tensor/tensor.js';
import { shapesEqual } from '../tensor/shape.js';
import { add, reshape, sum } from '../ops/primitives/index.js';
import { cast } from '../ops/primitive.js';
import { enableGrad, noGrad } from './grad_mode.js';
import { anomaly, checkedVjp } from './anomaly_flag.js';
import { GradSink } from './grad_buffers.js';

/** Sums g over the dims that broadcasting added or stretched, so it gets `shape`. */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) dims.push(d);
  }
  return reshape(sum(g, dims, true), shape);
}

export interface EngineOptions extends BackwardOptions {
  /** Tensors whose gradients to return (instead of accumulating into leaves' .grad). */
  inputs?: readonly Tensor[];
}

function runHooks(t: Tensor, g: Tensor, sink: GradSink): Tensor {
  if (t.hooks.length) sink.hooksRan = true;
  for (const hook of t.hooks) g = hook(g) ?? g;
  return g;
}

// The fallbacks GradSink.assign uses when it can neither adopt nor add in place.
const copyGrad = (t: Tensor): Tensor => cast(t, t.dtype, true);
const addGrads = (a: Tensor, b: Tensor): Tensor => noGrad(() => add(a, b));

/** Runs backward from `roots` seeded with `seeds`. Returns the gradients of `opts.inputs`, if given. */
export function runBackward(roots: readonly Tensor[], seeds: readonly Tensor[], opts: EngineOptions): (Tensor | undefined)[] {
  const sink = new GradSink();
  try {
    return walk(roots, seeds, opts, sink);
  } finally {
    sink.close();
  }
}

function walk(roots: readonly Tensor[], seeds: readonly Tensor[], opts: EngineOptions, sink: GradSink): (Tensor | undefined)[] {
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  const wanted = opts.inputs ? new Set(opts.inputs) : undefined;
  // 1. every tensor that requires grad and lies behind a root
  const seen = new Set<Tensor>();
  const stack = roots.filter((r) => r.requiresGrad);
  for (const r of stack) seen.add(r);
  const nonLeaves: Tensor[] = [];
  const leaves: Tensor[] = [];
  while (stack.length) {
    const t = stack.pop()!;
    if (t.gradFn === null) {
      leaves.push(t);
      continue;
    }
    nonLeaves.push(t);
    const inputs = t.gradFn.inputs;
    if (inputs === null) {
      throw new AutogradError(`backward: the graph through '${t.gradFn.name}' was already freed by an earlier backward; pass { retainGraph: true } to the first call`);
    }
    for (const x of inputs) if (x.requiresGrad && !seen.has(x)) (seen.add(x), stack.push(x));
  }
  nonLeaves.sort((a, b) => b.gradFn!.id - a.gradFn!.id);
  // 2. walk newest to oldest
  const grads = new Map<Tensor, Tensor>();
  const accumulate = (t: Tensor, g: Tensor): void => {
    const prev = grads.get(t);
    grads.set(t, prev ? add(prev, g) : g);
  };
  roots.forEach((r, i) => (sink.claim(seeds[i]!.data), accumulate(r, seeds[i]!)));
  const mode = createGraph ? enableGrad : noGrad;
  for (const t of nonLeaves) {
    let g = grads.get(t);
    if (!g) continue;
    const node = t.gradFn!;
    g = mode(() => runHooks(t, g!, sink));
    grads.set(t, g);
    if (t.isGradRetained) {
      // a retained gradient accumulates across backward calls, like a leaf's (PyTorch too)
      const own = createGraph ? g : g.detach();
      sink.claim(own.data);
      t.grad = t.grad ? mode(() => add(t.grad!, own)) : own;
    }
    const inputs = node.inputs!;
    const y = createGraph ? t : t.detach();
    const dy = g;
    const ctx = { dy, y, inputs, attrs: node.attrs };
    const results = anomaly.on ? checkedVjp(node, ctx, () => mode(() => node.vjp(ctx))) : mode(() => node.vjp(ctx));
    inputs.forEach((x, i) => {
      const r = results[i];
      if (!r || !x.requiresGrad) return;
      mode(() => accumulate(x, cast(sumTo(r, x.shape), x.dtype)));
    });
    if (!retainGraph) {
      node.inputs = null;
      node.attrs = null;
    }
    if (!wanted?.has(t)) grads.delete(t);
  }
  // 3. leaves: hooks, then .grad (or hand back the wanted ones)
  for (const leaf of leaves) {
    const g = grads.get(leaf);
    if (!g) continue;
    const hooked = mode(() => runHooks(leaf, g, sink));
    grads.set(leaf, hooked);
    if (wanted) continue;
    if (createGraph) {
      leaf.grad = leaf.grad ? enableGrad(() => add(leaf.grad!, hooked)) : hooked;
      continue;
    }
    // NOTE: no two leaves (or the caller's seed) ever share a .grad array: see grad_buffers.ts
    sink.assign(leaf, hooked.detach(), copyGrad, addGrads);
  }
  return opts.inputs ? opts.inputs.map((x) => grads.get(x)) : [];
}

/** The seed gradient for `backward()`: ones for a one-element output, else the caller's. */
export function seedFor(op: string, t: Tensor, gradient: Tensor | undefined): Tensor {
  if (!t.requiresGrad) {
    throw new AutogradError(`${op}: tensor ${fmtShape(t.shape)} does not require grad and has no gradFn; call requiresGrad_() on the inputs first`);
  }
  if (gradient === undefined) {
    if (t.numel !== 1) {
      throw new AutogradError(`${op}: a gradient must be given for a non-scalar output of shape ${fmtShape(t.shape)}`);
    }
    const one = new Tensor(new (t.data.constructor as Float64ArrayConstructor)(1), t.shape, t.dtype);
    one.data[0] = 1;
    return one;
  }
  if (!shapesEqual(gradient.shape, t.shape)) {
    throw new AutogradError(`${op}: gradient shape ${fmtShape(gradient.shape)} does not match output shape ${fmtShape(t.shape)}`);
  }
  return cast(gradient, t.dtype);
}

setBackwardImpl((t, gradient, opts) => {
  runBackward([t], [seedFor('backward', t, gradient)], opts);
});
