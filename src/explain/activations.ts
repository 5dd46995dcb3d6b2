/**
 * Looking inside a model: any layer's output for an input (through a forward hook, so the model's
 * own forward runs unchanged), the layers by name, and first-layer convolution filters as images.
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { Module } from '../nn/module.js';
import { Conv2d } from '../nn/layers/conv2d.js';
import { noGrad } from '../autograd/grad_mode.js';
import { inMode } from '../train/steps.js';

/**
 * The submodule `layer` names (a dotted name from `namedModules`, e.g. '0' or 'features.3'), or
 * `layer` itself after checking it belongs to `model`. Returns its name and the module.
 * @example findLayer(new Sequential(new Linear(2, 2), new ReLU()), '1').module.toString() // 'ReLU()'
 */
export function findLayer(model: Module, layer: string | Module): { name: string; module: Module } {
  const names: string[] = [];
  for (const [name, m] of model.namedModules()) {
    if (layer === name || layer === m) return { name, module: m };
    if (name) names.push(name);
  }
  if (typeof layer === 'string') throw new ArgumentError(`findLayer: no layer named '${layer}' (layers: ${names.join(', ') || 'none'})`);
  throw new ArgumentError(`findLayer: ${layer.constructor.name} is not a submodule of the model`);
}

/**
 * The last Conv2d of `model` in definition order, with its name, or undefined if it has none
 * (Grad-CAM's default layer).
 * @example lastConv2d(new Sequential(new Conv2d(1, 2, 3), new ReLU(), new Conv2d(2, 4, 3)))!.name // '2'
 */
export function lastConv2d(model: Module): { name: string; module: Conv2d } | undefined {
  let found: { name: string; module: Conv2d } | undefined;
  for (const [name, m] of model.namedModules()) if (m instanceof Conv2d) found = { name, module: m };
  return found;
}

/**
 * Runs `fn` while a forward hook records the output of `layer`; returns fn's result and the
 * output of the layer's last call. Throws if `fn` never calls the layer.
 */
export function captureOutput<T>(op: string, layer: Module, fn: () => T): { result: T; output: Tensor } {
  let output: Tensor | undefined;
  const remove = layer.registerForwardHook((_m, _xs, y) => {
    output = y;
  });
  try {
    const result = fn();
    if (!output) throw new ArgumentError(`${op}: the layer ${layer.constructor.name} was not called by the model's forward`);
    return { result, output };
  } finally {
    remove();
  }
}

/**
 * The output of `layer` (a name or the submodule itself) when `model` runs on x, in eval mode and
 * without recording a graph. The model's mode is restored afterwards.
 * x: (N, …) -> the layer's output, e.g. (N, C, H, W) for a convolution.
 * @example
 * const net = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));
 * activations(net, '1', ones([4, 2])).shape // [4, 3]
 */
export function activations(model: Module, layer: string | Module, x: Tensor): Tensor {
  const { module } = findLayer(model, layer);
  return inMode(model, false, () => noGrad(() => captureOutput('activations', module, () => model.call(x)).output));
}

/**
 * A Conv2d's filters as images: each filter (one output channel, all its input channels) scaled
 * to [0, 1] by its own min and max (a constant filter becomes 0.5).
 * Returns (outC, inC, kH, kW). Pass the layer or its weight.
 * @example convFilters(tensor([[[[-1, 0], [1, 3]]]])).toArray() // [[[[0, 0.25], [0.5, 1]]]]
 */
export function convFilters(layer: Conv2d | Tensor): Tensor {
  const w = (layer instanceof Conv2d ? layer.weight : layer).detach();
  if (w.ndim !== 4) throw new ShapeError(`convFilters: expected a Conv2d weight (outC, inC, kH, kW), got ${fmtShape(w.shape)}`);
  const outC = w.shape[0]!;
  const per = w.numel / outC;
  const v = w.toTypedArray();
  const out = new Float32Array(w.numel);
  for (let f = 0; f < outC; f++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = f * per; i < (f + 1) * per; i++) {
      lo = Math.min(lo, v[i]!);
      hi = Math.max(hi, v[i]!);
    }
    for (let i = f * per; i < (f + 1) * per; i++) out[i] = hi > lo ? (v[i]! - lo) / (hi - lo) : 0.5;
  }
  return new Tensor(out, [...w.shape], 'float32');
}
