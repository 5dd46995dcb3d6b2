/**
 * summary: a Keras-style table of the model's layers, their output shapes and parameter counts,
 * found by one dummy forward pass (eval mode, no graph) with a forward hook on every submodule.
 * Rows are the submodules in `namedModules()` order, nested ones indented; a row counts the
 * module's own parameters, plus its floating-point buffers (BatchNorm's running statistics,
 * which Keras counts as non-trainable parameters).
 */
import { ArgumentError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { Tensor } from '../tensor/tensor.js';
import { type DType, isFloating } from '../tensor/dtype.js';
import { zeros } from '../tensor/create.js';
import { noGrad } from '../autograd/grad_mode.js';
import { withLayerContext } from './layer_context.js';
import { inMode } from './steps.js';

export interface SummaryOptions {
  /** Prints each line (default console.log); false prints nothing. The text is returned either way. */
  print?: ((line: string) => void) | false;
  /** dtype of the dummy input when a shape is given (default 'float32'). */
  dtype?: DType;
}

/** Own parameters and floating buffers of the module at `path`: [trainable, non-trainable]. */
function ownCounts(model: Module, path: string): [number, number] {
  const parent = (key: string): string => (key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '');
  let trainable = 0;
  let frozen = 0;
  for (const [k, p] of model.namedParameters()) {
    if (parent(k) !== path) continue;
    if (p.requiresGrad) trainable += p.numel;
    else frozen += p.numel;
  }
  for (const [k, b] of model.namedBuffers()) if (parent(k) === path && isFloating(b.dtype)) frozen += b.numel;
  return [trainable, frozen];
}

const withCommas = (n: number): string => n.toLocaleString('en-US');
const showShape = (shape: readonly number[]): string => `(${['None', ...shape.slice(1)].join(', ')}${shape.length === 1 ? ',' : ''})`;

/**
 * Runs `model` on zeros of `[1, ...inputShape]` (inputShape excludes the batch dim, as Keras's
 * input_shape), or on a given example batch, and prints the table. Returns its text.
 * @example
 * const model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * const text = summary(model, [784], { print: false });
 * text.split('\n').find((l) => l.startsWith('Total params')) // 'Total params: 101,770'
 */
export function summary(model: Module, input: readonly number[] | Tensor, opts: SummaryOptions = {}): string {
  const x = input instanceof Tensor ? input : Array.isArray(input) ? zeros([1, ...input], { dtype: opts.dtype ?? 'float32' }) : undefined;
  if (x === undefined) throw new ArgumentError('summary: expected the input shape (without the batch dim) or an example input Tensor');
  const shapes = new Map<Module, string>();
  const removers: (() => void)[] = [];
  const rows: { path: string; module: Module }[] = [];
  const seen = new Set<Module>();
  for (const [path, m] of model.namedModules()) {
    if (seen.has(m)) continue;
    seen.add(m);
    if (path !== '' || ownCounts(model, '').some((n) => n > 0)) rows.push({ path, module: m });
    removers.push(
      m.registerForwardHook((_m, _xs, y) => {
        const s = y instanceof Tensor ? showShape(y.shape) : '?';
        const prev = shapes.get(m);
        shapes.set(m, prev === undefined || prev === s ? s : 'multiple');
      }),
    );
  }
  try {
    withLayerContext(model, (ctx) => inMode(model, false, () => noGrad(() => ctx.run(() => model.call(x)))));
  } finally {
    for (const r of removers) r();
  }
  let trainable = 0;
  let frozen = 0;
  const cells = rows.map(({ path, module }) => {
    const [t, f] = ownCounts(model, path);
    trainable += t;
    frozen += f;
    const depth = path === '' ? 0 : path.split('.').length - 1;
    const name = `${'  '.repeat(depth)}${path === '' ? '(self)' : path.split('.').at(-1)} (${module.constructor.name})`;
    return [name, shapes.get(module) ?? 'unused', String(t + f)] as const;
  });
  const w0 = Math.max(28, ...cells.map((c) => c[0].length + 2));
  const w1 = Math.max(26, ...cells.map((c) => c[1].length + 2));
  const w2 = Math.max(10, ...cells.map((c) => c[2].length));
  const width = 1 + w0 + w1 + w2;
  const row = (a: string, b: string, c: string): string => ` ${a.padEnd(w0)}${b.padEnd(w1)}${c}`.trimEnd();
  const lines = [
    `Model: "${model.constructor.name}"`,
    '_'.repeat(width),
    row('Layer (type)', 'Output Shape', 'Param #'),
    '='.repeat(width),
    ...cells.map((c) => row(...c)),
    '='.repeat(width),
    `Total params: ${withCommas(trainable + frozen)}`,
    `Trainable params: ${withCommas(trainable)}`,
    `Non-trainable params: ${withCommas(frozen)}`,
    '_'.repeat(width),
  ];
  const print = opts.print ?? ((line: string) => console.log(line));
  if (print !== false) for (const l of lines) print(l);
  return lines.join('\n');
}
