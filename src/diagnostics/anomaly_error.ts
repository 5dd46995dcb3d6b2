/**
 * AnomalyError: what anomaly mode throws when an op, forward or backward, first produces NaN or
 * Inf. It carries the facts as fields (op, phase, layer, shapes, input ranges) and says them in one
 * paragraph with a hint per op (log of 0, division by 0, sqrt of a negative, exp overflow …).
 * The checks themselves live in anomaly.ts.
 */
import { MyelinError, fmtShape } from '../errors.js';
import type { DType } from '../tensor/dtype.js';

/** Min and max of a tensor's values, NaN ignored (so ±Inf shows up here), and whether it holds NaN. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
  readonly hasNaN: boolean;
}

/** The facts behind an anomaly; every field is also a readonly field of AnomalyError. */
export interface AnomalyDetails {
  /** The primitive's name: 'log', 'div', 'sqrt', 'pow', 'bmm' (matmul), … */
  readonly op: string;
  /** 'forward': the op's output is non-finite; 'backward': a gradient its vjp returned is. */
  readonly phase: 'forward' | 'backward';
  /** The layer the op ran in ("Linear 'fc2' (layer 3)"); undefined without a model or outside every layer. */
  readonly layer?: string;
  /** Shapes of the op's (forward) inputs. */
  readonly inputShapes: readonly (readonly number[])[];
  /** Shape of the op's (forward) output. */
  readonly outputShape: readonly number[];
  /** Value range of each (forward) input. */
  readonly inputRanges: readonly ValueRange[];
  /** The kind of bad value: NaN wins over Inf when both appear. */
  readonly what: 'NaN' | 'Inf';
  /** True when a non-finite value came into the op from outside the checked ops (data, a parameter). */
  readonly isFromOutside: boolean;
  /** Backward: the input whose gradient is bad; outside: the input that holds NaN. */
  readonly inputIndex?: number;
  /** Backward: the range of the incoming gradient dy. */
  readonly gradRange?: ValueRange;
  /** The signed kind for the message ('NaN', 'Inf', '-Inf', '±Inf') and how many elements have it. */
  readonly detail: { readonly sign: string; readonly count: number; readonly total: number; readonly dtype: DType };
  /** The model parameter an outside NaN was found in ('fc1.weight'), when known. */
  readonly parameter?: string;
  /** Whether a model was given (so a missing layer means "outside every layer"). */
  readonly hasModel: boolean;
}

/**
 * Thrown by anomaly mode (`detectAnomaly`) at the first op that produced NaN or Inf from finite
 * inputs, forward or backward, or that received NaN from outside the graph.
 * @example
 * const x = tensor([0, 4], { requiresGrad: true });
 * let found = '';
 * try { detectAnomaly(() => sqrt(x).sum().backward()); } catch (e) { if (e instanceof AnomalyError) found = `${e.phase} ${e.op} ${e.what}`; }
 * found // 'backward sqrt Inf'
 */
export class AnomalyError extends MyelinError {
  readonly op: string;
  readonly phase: 'forward' | 'backward';
  readonly layer: string | undefined;
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  readonly inputRanges: readonly ValueRange[];
  readonly what: 'NaN' | 'Inf';
  readonly isFromOutside: boolean;
  readonly inputIndex: number | undefined;
  readonly gradRange: ValueRange | undefined;
  readonly parameter: string | undefined;

  constructor(details: AnomalyDetails) {
    // NOTE: a bare message (as LayerContext.wrap tries, to rename errors) is refused, so the
    // wrapper falls back to prefixing this error's message and its fields survive
    if (typeof details !== 'object' || details === null) throw new TypeError('AnomalyError: expected AnomalyDetails');
    super(anomalyMessage(details));
    this.op = details.op;
    this.phase = details.phase;
    this.layer = details.layer;
    this.inputShapes = details.inputShapes;
    this.outputShape = details.outputShape;
    this.inputRanges = details.inputRanges;
    this.what = details.what;
    this.isFromOutside = details.isFromOutside;
    this.inputIndex = details.inputIndex;
    this.gradRange = details.gradRange;
    this.parameter = details.parameter;
  }
}

function fmtNum(v: number): string {
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return String(Number(v.toPrecision(5)));
}

/** "[0, 2.5]", "[0, 2.5] and NaN", "all NaN", "empty". */
export function fmtRange(r: ValueRange): string {
  if (r.min > r.max) return r.hasNaN ? 'all NaN' : 'empty';
  return `[${fmtNum(r.min)}, ${fmtNum(r.max)}]${r.hasNaN ? ' and NaN' : ''}`;
}

const FORWARD_HINTS: Readonly<Record<string, string>> = {
  log: 'log of 0 is -Inf (and becomes NaN in 0 · -Inf), log of a negative number is NaN; clamp the argument (x.clamp(1e-12)) or use logSoftmax, logSigmoid or log1p',
  log1p: 'log1p(-1) is -Inf and log1p(x < -1) is NaN; clamp the argument above -1',
  div: 'division by zero (x / 0 = ±Inf, 0 / 0 = NaN); add an eps to the denominator or mask the zero entries',
  reciprocal: '1 / 0 = Inf; add an eps to the denominator',
  sqrt: 'sqrt of a negative number is NaN (often a variance that rounding made slightly negative); clamp at 0 first',
  pow: 'a negative base to a fractional power is NaN, 0 to a negative power is Inf, and large powers overflow; clamp the base',
  exp: 'exp overflows above x ≈ 88.7 in float32 (709.8 in float64); subtract the max first (as softmax and logsumexp do) or clamp',
  expm1: 'expm1 overflows above x ≈ 88.7 in float32; clamp the argument',
  mul: 'overflow, or 0 · Inf = NaN where an Inf came from an earlier op (its input range shows it)',
  add: 'overflow, or Inf + (-Inf) = NaN',
  sub: 'overflow, or Inf - Inf = NaN',
  bmm: 'overflow in a matrix product: exploding activations or weights; lower the learning rate, clip gradients or normalise the inputs',
  sum: 'overflow in a sum of large values, or Inf - Inf',
  cumsum: 'overflow in a running sum, or Inf - Inf',
  prod: 'overflow in a product, or 0 · Inf',
  cast: 'a float64 value beyond float32 range (±3.4e38) becomes ±Inf when cast',
  fmod: 'fmod by 0 is NaN',
};

const BACKWARD_HINTS: Readonly<Record<string, string>> = {
  sqrt: 'sqrt has an infinite derivative at 0 (1 / (2·sqrt(0))); add a small eps inside: sqrt(x + 1e-12), or compute a norm from the squared value',
  pow: "pow's derivative p·x^(p-1) is infinite at x = 0 for p < 1, and the derivative in the exponent needs log(x), -Inf or NaN for x <= 0; add an eps to the base",
  log: 'd/dx log x = 1/x is infinite at 0; clamp the argument away from 0',
  log1p: 'd/dx log1p x = 1/(1+x) is infinite at -1; clamp the argument',
  div: 'd/db (a / b) = -a / b² overflows where the denominator is 0 or tiny; add an eps to it',
  reciprocal: 'd/dx 1/x = -1/x² overflows near 0; add an eps',
  exp: "exp's gradient is exp(x), which overflows where the forward value was huge",
};

function hint(d: AnomalyDetails): string {
  const table = d.phase === 'forward' ? FORWARD_HINTS : BACKWARD_HINTS;
  const own = table[d.op] ?? FORWARD_HINTS[d.op];
  if (d.isFromOutside) return 'check the data for NaN (missing values) and, if a parameter holds it, the previous optimizer step (lower the learning rate, clip gradients)';
  return own ?? 'overflow beyond the dtype range (±3.4e38 in float32) or an undefined operation; compare the input ranges above with the op';
}

/** The one-paragraph message of an AnomalyError. */
export function anomalyMessage(d: AnomalyDetails): string {
  const where = d.layer !== undefined ? ` in ${d.layer}` : d.hasModel ? ' outside every layer (the loss or the training loop)' : '';
  const ins = d.inputShapes.map((s, i) => `input ${i} shape ${fmtShape(s)}, range ${d.inputRanges[i] ? fmtRange(d.inputRanges[i]!) : '?'}`).join('; ');
  const facts = `${ins || 'no inputs'}; output shape ${fmtShape(d.outputShape)} ${d.detail.dtype}`;
  const count = `${d.detail.count} of ${d.detail.total} elements`;
  let head: string;
  if (d.isFromOutside) {
    const param = d.parameter !== undefined ? ` (parameter '${d.parameter}')` : '';
    head = `anomaly: input ${d.inputIndex ?? 0}${param} of ${d.phase} op '${d.op}'${where} already contains NaN; it came from outside the checked ops (data, a parameter, or a tensor computed before anomaly mode was on)`;
  } else if (d.phase === 'forward') {
    const from = d.inputRanges.every((r) => !r.hasNaN && Number.isFinite(r.min) && Number.isFinite(r.max)) || d.inputRanges.every((r) => r.min > r.max) ? 'finite inputs' : 'inputs holding Inf';
    head = `anomaly: forward op '${d.op}'${where} produced ${d.detail.sign} (${count}) from ${from}`;
  } else {
    const dy = d.gradRange ? `; incoming gradient range ${fmtRange(d.gradRange)}` : '';
    const made = d.layer !== undefined ? ` (made in ${d.layer})` : d.hasModel ? ' (made outside every layer)' : '';
    return `anomaly: backward of op '${d.op}'${made} produced ${d.detail.sign} (${count}) in the gradient of input ${d.inputIndex ?? 0}: forward ${facts}${dy}. Typical causes: ${hint(d)}.`;
  }
  return `${head}: ${facts}. Typical causes: ${hint(d)}.`;
}
