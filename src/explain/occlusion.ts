/**
 * Occlusion sensitivity (Zeiler & Fergus 2014): slide a window of baseline values over the input
 * and record how much the target score drops. Needs no gradients, so it works for any model, at
 * the price of one forward pass per window position (batched, without recording a graph).
 */
import { ArgumentError, ShapeError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { noGrad } from '../autograd/grad_mode.js';
import { type Explainable, type TargetOptions, asFunction, checkCount, checkInput, inEval, pickTargets, scoreRows, targetsFor } from './common.js';

/** Options of `occlusion`. */
export interface OcclusionOptions extends TargetOptions {
  /**
   * The window over the spatial dims: (H, W) for images (N, C, H, W), L for (N, C, L), features for
   * (N, F). A number is used for every spatial dim. Every channel is occluded together. Default 4.
   */
  window?: number | readonly number[];
  /** Step between window positions (default: the window, i.e. no overlap). */
  stride?: number | readonly number[];
  /** The value put in the window: a number, or a tensor broadcastable to one sample (…). Default 0. */
  baseline?: number | Tensor;
  /** Occluded copies per forward pass (default 64). */
  batchSize?: number;
}

/** Window start positions along one dim: every stride, plus a last window flush with the end. */
function starts(size: number, win: number, stride: number): number[] {
  const out: number[] = [];
  for (let s = 0; s + win <= size; s += stride) out.push(s);
  if (out.at(-1)! + win < size) out.push(size - win);
  return out;
}

function perDim(op: string, name: string, v: number | readonly number[], dims: readonly number[]): number[] {
  const vs = typeof v === 'number' ? dims.map(() => v) : [...v];
  if (vs.length !== dims.length) throw new ArgumentError(`${op}: ${name} needs ${dims.length} value(s) for spatial size [${dims.join(', ')}], got [${vs.join(', ')}]`);
  vs.forEach((k) => checkCount(op, name, k));
  return vs;
}

/**
 * For each input feature, the mean over the windows covering it of f_c(x) − f_c(x with the window
 * set to the baseline): positive where hiding the feature lowers the target score.
 * x: (N, F), (N, C, L) or (N, C, H, W) -> (N, …), shaped like x (equal across channels).
 * @example
 * const w = tensor([[1, -2, 3, 0]]);
 * occlusion((x: Tensor) => x.matmul(w.t()), ones([1, 4]), { window: 1 }).toArray() // [[1, -2, 3, 0]]
 */
export function occlusion(model: Explainable, x: Tensor, opts: OcclusionOptions = {}): Tensor {
  const op = 'occlusion';
  checkInput(op, x);
  if (x.ndim < 2 || x.ndim > 4) throw new ShapeError(`${op}: x must be (N, F), (N, C, L) or (N, C, H, W), got ${fmtShape(x.shape)}`);
  const [n, ...sample] = x.shape as [number, ...number[]];
  const spatial = x.ndim === 2 ? sample : sample.slice(1); // (F) or (L) or (H, W)
  const channels = x.ndim === 2 ? 1 : sample[0]!;
  const win = perDim(op, 'window', opts.window ?? 4, spatial).map((k, i) => Math.min(k, spatial[i]!));
  const stride = perDim(op, 'stride', opts.stride ?? win, spatial);
  const batchSize = checkCount(op, 'batchSize', opts.batchSize ?? 64);
  const fill = (typeof opts.baseline === 'number' || opts.baseline === undefined ? x.select(0, 0).mul(0).add(opts.baseline ?? 0) : x.select(0, 0).mul(0).add(opts.baseline.detach())).toTypedArray();
  const [h, w] = spatial.length === 2 ? (spatial as [number, number]) : [1, spatial[0]!];
  const [wh, ww] = win.length === 2 ? (win as [number, number]) : [1, win[0]!];
  const [sh, sw] = stride.length === 2 ? (stride as [number, number]) : [1, stride[0]!];
  const positions = starts(h, wh, sh).flatMap((r) => starts(w, ww, sw).map((c) => [r, c] as const));
  const per = channels * h * w;
  const f = asFunction(model);
  return inEval(model, () => {
    const { targets, scores } = targetsFor(op, f, x, opts.target);
    const xs = x.contiguous().toTypedArray();
    const total = new Float64Array(n * h * w);
    const count = new Float64Array(h * w);
    for (const [r, c] of positions) for (let i = r; i < r + wh; i++) for (let j = c; j < c + ww; j++) count[i * w + j]!++;
    // one row per (sample, position), occluded copies in chunks of batchSize
    const jobs = Array.from({ length: n }, (_, s) => positions.map((p) => [s, p] as const)).flat();
    for (let b = 0; b < jobs.length; b += batchSize) {
      const chunk = jobs.slice(b, b + batchSize);
      const data = new Float32Array(chunk.length * per);
      chunk.forEach(([s, [r, c]], k) => {
        data.set(xs.subarray(s * per, (s + 1) * per), k * per);
        for (let ch = 0; ch < channels; ch++) {
          for (let i = r; i < r + wh; i++) {
            for (let j = c; j < c + ww; j++) data[k * per + (ch * h + i) * w + j] = fill[(ch * h + i) * w + j]!;
          }
        }
      });
      const batch = new Tensor(data, [chunk.length, ...sample], 'float32');
      const occluded = noGrad(() => pickTargets(scoreRows(op, f(x.dtype === 'float32' ? batch : batch.to(x.dtype)), chunk.length), chunk.map(([s]) => targets[s]!))).toFlatArray();
      chunk.forEach(([s, [r, c]], k) => {
        const drop = scores[s]! - occluded[k]!;
        for (let i = r; i < r + wh; i++) for (let j = c; j < c + ww; j++) total[s * h * w + i * w + j]! += drop;
      });
    }
    const out = new Float32Array(n * per);
    for (let s = 0; s < n; s++) {
      for (let ch = 0; ch < channels; ch++) for (let p = 0; p < h * w; p++) out[s * per + ch * h * w + p] = total[s * h * w + p]! / count[p]!;
    }
    const result = new Tensor(out, [...x.shape], 'float32');
    return x.dtype === 'float32' ? result : result.to(x.dtype);
  });
}
