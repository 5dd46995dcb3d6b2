/**
 * `myelin explain MODEL_DIR INPUT`: why an image model predicts what it does. Runs one attribution
 * method from Myelin's explain module on one input and writes a PNG heat map over the input,
 * printing the prediction, the target explained and, for Integrated Gradients, the completeness
 * check. Image models only (inputs (C, H, W) with 1 or 3 channels).
 */
import { basename } from 'node:path';
import {
  type Tensor, completenessLine, findLayer, gradCam, gradientXInput, integratedGradients, lastConv2d, noGrad, occlusion,
  saliency, smoothGrad, softmax, upsampleMap,
} from 'myelin';
import type { Module } from 'myelin';
import { defineCommand } from '../command.js';
import { preprocessInputs } from '../data.js';
import { CliError, UsageError } from '../errors.js';
import { shape } from '../format.js';
import { type HeatMode, heatOf, overlay, writePng } from '../heatmap.js';
import { readInputs } from '../inputs.js';
import { openModel } from '../model_run.js';
import { RUNTIME_FLAGS, applyRuntime } from '../runtime.js';

const METHODS = ['saliency', 'gradxinput', 'smoothgrad', 'ig', 'gradcam', 'occlusion'] as const;
type Method = (typeof METHODS)[number];

const TITLES: Record<Method, string> = {
  saliency: 'gradient saliency |∂f/∂x|',
  gradxinput: 'gradient × input',
  smoothgrad: 'SmoothGrad',
  ig: 'Integrated Gradients',
  gradcam: 'Grad-CAM',
  occlusion: 'occlusion sensitivity',
};

interface Explanation {
  /** (C, H, W) attributions, or (H, W) heat for Grad-CAM, flat. */
  values: ArrayLike<number>;
  mode: HeatMode;
  /** Lines describing the method's settings and checks. */
  notes: string[];
}

function positive(flag: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (v < 1) throw new UsageError(`explain: --${flag} must be at least 1, got ${v}`);
  return v;
}

/** The class index --target names (an index or a class name), or the predicted class. */
function resolveTarget(raw: string | undefined, predicted: number, classes: readonly string[], k: number): number {
  if (raw === undefined) return predicted;
  const byName = classes.indexOf(raw);
  const t = /^\d+$/.test(raw) ? Number(raw) : byName;
  if (t < 0 || t >= k) throw new CliError(`--target ${raw} is not one of the model's ${k} classes (0-${k - 1}${classes.length ? ` or ${classes.join(', ')}` : ''})`);
  return t;
}

export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'a heat map of what an image model looks at for one input (PNG)',
  description: `
Explains MODEL_DIR's output for one image input and writes a heat map laid over the input as a
PNG. INPUT is read like predict's (a test-set index such as 7 or train:3, an IDX file, a .json
file, or a PNG of the model's input size); when it holds several inputs, the first is explained.
Methods (--method):
  saliency    |∂f/∂x|: the input gradient of the target score (1 backward pass)
  gradxinput  x · ∂f/∂x (1 backward pass)
  smoothgrad  the gradient averaged over noisy copies of x (--samples, default 25)
  ig          Integrated Gradients from a black image (--steps, default 50); prints the
              completeness check: Σ attributions vs f(x) − f(black), tolerance 5%
  gradcam     Grad-CAM at a convolutional layer (--layer, default the last Conv2d)
  occlusion   the score drop when a --window square (default 4) is blacked out (--stride)
The target (default: the predicted class) is a class index or name. See docs/explain.md.`,
  args: {
    positionals: [
      { name: 'MODEL_DIR', help: 'a directory written by myelin train (an image model)' },
      { name: 'INPUT', help: 'an index like 7 or train:3, an IDX file, FILE.json, or FILE.png' },
    ],
    flags: {
      method: { type: 'string', choices: METHODS, metavar: 'METHOD', help: 'saliency, gradxinput, smoothgrad, ig (default), gradcam or occlusion' },
      target: { type: 'string', metavar: 'CLASS', help: 'class to explain, index or name (default: the predicted one)' },
      out: { type: 'string', metavar: 'FILE.png', help: 'output image (default explain-<method>.png)' },
      layer: { type: 'string', metavar: 'NAME', help: 'gradcam: layer name as in summary --tree (default: the last Conv2d)' },
      steps: { type: 'int', metavar: 'N', help: 'ig: path steps (default 50)' },
      samples: { type: 'int', metavar: 'N', help: 'smoothgrad: noisy samples (default 25)' },
      window: { type: 'int', metavar: 'N', help: 'occlusion: window size in pixels (default 4)' },
      stride: { type: 'int', metavar: 'N', help: 'occlusion: window step (default: the window size)' },
      seed: { type: 'int', metavar: 'N', help: 'smoothgrad: noise seed (default 0)' },
      scale: { type: 'int', metavar: 'N', help: 'output pixels per input pixel (default: up to 224 px, e.g. 8 for 28x28)' },
      ...RUNTIME_FLAGS,
    },
  },
  examples: [
    'myelin explain runs/mnist-cnn test:7',
    'myelin explain runs/mnist-cnn 7 --method gradcam --out seven.png',
    'myelin explain runs/mnist-cnn digit.png --method occlusion --target 3',
  ],
  async run({ positionals, flags }, io) {
    applyRuntime(flags);
    const method: Method = (flags.method as Method | undefined) ?? 'ig';
    const { model, info } = openModel(positionals[0]!);
    const s = info.inputShape;
    if (s.length !== 3 || (s[0] !== 1 && s[0] !== 3)) {
      throw new CliError(`explain draws heat maps for image models (inputs [C, H, W] with 1 or 3 channels); this model takes ${shape(s)} inputs`);
    }
    const [channels, height, width] = s as [number, number, number];
    const inputs = readInputs(info, positionals[1]!);
    const n = inputs.x.shape[0]!;
    if (n > 1) io.err(`note: INPUT holds ${n} inputs; explaining the first (#${inputs.first})`);
    const raw = inputs.x.narrow(0, 0, 1).contiguous();
    const x = preprocessInputs(raw, info.preprocess);
    const logits = noGrad(() => model.eval().call(x));
    if (logits.ndim !== 2 || logits.shape[1]! < 2) throw new CliError(`explain needs a classifier; this model's output is ${shape(logits.shape)}`);
    const probs = softmax(logits, 1).toFlatArray();
    const predicted = probs.indexOf(Math.max(...probs));
    const classes = info.classes ?? [];
    const name = (c: number): string => classes[c] ?? String(c);
    const target = resolveTarget(flags.target, predicted, classes, probs.length);
    const label = inputs.y?.toFlatArray()[0];
    io.out(`predicted ${name(predicted)} (${(100 * probs[predicted]!).toFixed(2)}%), target ${name(target)} (${(100 * probs[target]!).toFixed(2)}%)${label !== undefined ? `, label ${name(label)}` : ''}`);

    const black = preprocessInputs(raw.mul(0), info.preprocess);
    const e = explain(method, model, x, black, target, flags, [height, width]);
    io.out(`method: ${TITLES[method]}${e.notes.length ? `, ${e.notes[0]}` : ''}`);
    for (const line of e.notes.slice(1)) io.out(line);

    const heat = heatOf(e.values, method === 'gradcam' ? 1 : channels, height, width, e.mode);
    const scale = positive('scale', flags.scale, Math.max(1, Math.floor(224 / Math.max(height, width))));
    const img = overlay(raw.toFlatArray(), channels, height, width, heat, { scale });
    const out = flags.out ?? `explain-${method}.png`;
    if (!/\.png$/i.test(basename(out))) throw new UsageError(`explain: --out must name a .png file, got '${out}'`);
    writePng(out, img);
    io.out(`wrote ${out} (${img.width}x${img.height}: the heat map over the input, x${scale})`);
  },
});

type ExplainFlags = { layer?: string; steps?: number; samples?: number; window?: number; stride?: number; seed?: number };

/** Runs one method on x (1, …); `black` is the preprocessed all-zero image (IG baseline, occlusion fill). */
function explain(method: Method, model: Module, x: Tensor, black: Tensor, target: number, flags: ExplainFlags, size: [number, number]): Explanation {
  const flat = (t: Tensor): ArrayLike<number> => t.toTypedArray();
  switch (method) {
    case 'saliency':
      return { values: flat(saliency(model, x, { target })), mode: 'magnitude', notes: [] };
    case 'gradxinput':
      return { values: flat(gradientXInput(model, x, { target })), mode: 'magnitude', notes: [] };
    case 'smoothgrad': {
      const samples = positive('samples', flags.samples, 25);
      const a = smoothGrad(model, x, { target, samples, seed: flags.seed ?? 0 });
      return { values: flat(a), mode: 'magnitude', notes: [`${samples} samples, noise 15% of the input range, seed ${flags.seed ?? 0}`] };
    }
    case 'ig': {
      const steps = positive('steps', flags.steps, 50);
      const r = integratedGradients(model, x, { target, steps, baseline: black });
      return { values: flat(r.attributions), mode: 'magnitude', notes: [`${steps} steps from a black image`, completenessLine(r.completeness)] };
    }
    case 'gradcam': {
      const layer = flags.layer !== undefined ? findLayer(model, flags.layer) : lastConv2d(model);
      if (!layer) throw new CliError('gradcam needs a Conv2d layer and this model has none (try --method ig, or name a layer with --layer)');
      const cam = gradCam(model, x, { target, layer: layer.module });
      return { values: flat(upsampleMap(cam, size)), mode: 'positive', notes: [`layer '${layer.name}' (${layer.module.constructor.name}), map ${cam.shape[1]}x${cam.shape[2]} upsampled`] };
    }
    case 'occlusion': {
      const window = positive('window', flags.window, 4);
      const stride = positive('stride', flags.stride, window);
      const a = occlusion(model, x, { target, window, stride, baseline: black.select(0, 0) });
      return { values: flat(a), mode: 'positive', notes: [`${window}x${window} black window, stride ${stride}`] };
    }
  }
}
