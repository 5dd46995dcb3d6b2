/**
 * Grad-CAM (Selvaraju et al. 2017): a coarse class-localisation map from a convolutional layer's
 * activations A_k, weighted by the spatial mean of the target score's gradient with respect to
 * them. One forward and one backward pass. Also the bilinear upsampling of such maps to the input.
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { Module } from '../nn/module.js';
import { enableGrad } from '../autograd/grad_mode.js';
import { gradients } from '../autograd/grad.js';
import { type Explainable, type TargetOptions, asFunction, checkInput, inEval, pickTargets, resolveTargets, scoreRows } from './common.js';
import { captureOutput, findLayer, lastConv2d } from './activations.js';

/** Options of `gradCam`. */
export interface GradCamOptions extends TargetOptions {
  /**
   * The convolutional layer: a dotted name (for a Module model) or the submodule. Default: the
   * model's last Conv2d. Required when the model is a plain function.
   */
  layer?: string | Module;
  /** Keep only positive evidence, ReLU(Σ_k α_k A_k), as in the paper (default true). */
  relu?: boolean;
}

/**
 * Grad-CAM map ReLU(Σ_k α_k A_k) with α_k = mean over (i, j) of ∂f_c/∂A_k(i, j), at the chosen
 * layer's spatial size (unnormalised; see `upsampleMap` to bring it to the input's size).
 * The layer's output must be (N, K, h, w).
 * x: (N, …) -> (N, h, w).
 * @example
 * const net = new Sequential(new Conv2d(1, 1, 1, { bias: false }), new Flatten(), new Linear(4, 1, { bias: false }));
 * assign_((net.at(0) as Conv2d).weight, ones([1, 1, 1, 1]));
 * assign_((net.at(2) as Linear).weight, tensor([[1, 0, 0, 2]]));
 * gradCam(net, tensor([[[[1, 0], [0, 2]]]])).toArray() // [[[0.75, 0], [0, 1.5]]]
 */
export function gradCam(model: Explainable, x: Tensor, opts: GradCamOptions = {}): Tensor {
  const op = 'gradCam';
  checkInput(op, x);
  const layer = camLayer(op, model, opts.layer);
  const f = asFunction(model);
  const n = x.shape[0]!;
  return inEval(model, () => {
    const xi = x.detach().requiresGrad_();
    const { result: rows, output: a } = enableGrad(() => captureOutput(op, layer, () => scoreRows(op, f(xi), n)));
    if (a.ndim !== 4 || a.shape[0] !== n) throw new ShapeError(`${op}: the layer's output must be (N, K, h, w), got ${fmtShape(a.shape)}`);
    const targets = resolveTargets(op, rows.detach(), opts.target);
    const score = enableGrad(() => pickTargets(rows, targets).sum());
    const [da] = gradients([score], [a], { allowUnused: true });
    const alpha = da!.mean([2, 3], true); // (N, K, 1, 1)
    const cam = a.detach().mul(alpha).sum(1); // (N, h, w)
    return (opts.relu ?? true) ? cam.clamp(0) : cam;
  });
}

function camLayer(op: string, model: Explainable, layer: string | Module | undefined): Module {
  if (model instanceof Module) {
    if (layer !== undefined) return findLayer(model, layer).module;
    const last = lastConv2d(model);
    if (!last) throw new ArgumentError(`${op}: the model has no Conv2d layer; pass opts.layer`);
    return last.module;
  }
  if (layer instanceof Module) return layer;
  throw new ArgumentError(`${op}: for a plain function, pass opts.layer as the Module whose output to use`);
}

/**
 * Bilinear resize of maps (N, h, w) to (N, H, W), sampling at pixel centres (PyTorch's
 * interpolate with align_corners=False), to lay a Grad-CAM map over its input. Not differentiable.
 * @example upsampleMap(tensor([[[0, 1]]]), [1, 4]).toArray() // [[[0, 0.25, 0.75, 1]]]
 */
export function upsampleMap(maps: Tensor, size: readonly [number, number]): Tensor {
  if (maps.ndim !== 3) throw new ShapeError(`upsampleMap: expected maps (N, h, w), got ${fmtShape(maps.shape)}`);
  const [n, h, w] = maps.shape as [number, number, number];
  const [outH, outW] = size;
  if (!Number.isInteger(outH) || !Number.isInteger(outW) || outH < 1 || outW < 1) throw new ArgumentError(`upsampleMap: size must be two positive integers, got [${size.join(', ')}]`);
  const src = maps.toTypedArray();
  const out = new Float32Array(n * outH * outW);
  // source coordinate of output pixel i: (i + 0.5)·(in/out) − 0.5, clamped to the image
  const axis = (outLen: number, inLen: number): { i0: Int32Array; i1: Int32Array; t: Float32Array } => {
    const i0 = new Int32Array(outLen);
    const i1 = new Int32Array(outLen);
    const t = new Float32Array(outLen);
    for (let i = 0; i < outLen; i++) {
      const s = Math.min(Math.max((i + 0.5) * (inLen / outLen) - 0.5, 0), inLen - 1);
      i0[i] = Math.floor(s);
      i1[i] = Math.min(i0[i]! + 1, inLen - 1);
      t[i] = s - i0[i]!;
    }
    return { i0, i1, t };
  };
  const ys = axis(outH, h);
  const xs = axis(outW, w);
  for (let b = 0; b < n; b++) {
    const base = b * h * w;
    for (let i = 0; i < outH; i++) {
      const r0 = base + ys.i0[i]! * w;
      const r1 = base + ys.i1[i]! * w;
      const ty = ys.t[i]!;
      for (let j = 0; j < outW; j++) {
        const [c0, c1, tx] = [xs.i0[j]!, xs.i1[j]!, xs.t[j]!];
        const top = src[r0 + c0]! * (1 - tx) + src[r0 + c1]! * tx;
        const bottom = src[r1 + c0]! * (1 - tx) + src[r1 + c1]! * tx;
        out[(b * outH + i) * outW + j] = top * (1 - ty) + bottom * ty;
      }
    }
  }
  return new Tensor(out, [n, outH, outW], 'float32');
}
