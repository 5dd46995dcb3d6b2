/**
 * The findings rules: pure functions from what the monitor recorded to Findings in plain words,
 * with the numbers and what to try. Every threshold is a named constant below. This file does not
 * measure anything (monitor.ts does) and keeps no state: `newFindings` is told what was already
 * reported.
 */
import type { Finding, FindingCode, LayerInfo, StepRecord } from './types.js';

/** DEAD_UNITS: at least this fraction of a ReLU-family layer's units never fired over the window. */
export const DEAD_FRACTION = 0.5;
/** SATURATED: at least this fraction of a sigmoid/tanh layer's outputs saturated (mean of recent samples). */
export const SATURATED_FRACTION = 0.5;
/** VANISHING_GRADIENT: first layer's gradient norm over the last layer's at or below this (3 orders of magnitude). */
export const VANISHING_RATIO = 1e-3;
/** EXPLODING_GRADIENT: the total gradient norm grew by at least this factor over recent samples… */
export const EXPLODING_GROWTH = 1e3;
/** …and is at least this large (a tiny norm growing from tinier is not an explosion). */
export const EXPLODING_MIN_NORM = 1;
/** EXPLODING_GRADIENT regardless of growth: a total gradient norm this large. */
export const EXPLODING_NORM = 1e6;
/** The rule of thumb for a healthy update-to-weight ratio, ‖ΔW‖/‖W‖ per step. */
export const UPDATE_RATIO_TYPICAL = 1e-3;
/** LR_TOO_HIGH (warning): update ratio at least this (100× typical) while the loss rises. */
export const UPDATE_RATIO_HIGH = 1e-1;
/**
 * LR_TOO_HIGH (error): update ratio at least this in any recent sampled step, whatever the loss
 * does: the weights moved by twice their own size. NOTE: not 1, so that a zero-initialised
 * layer's second step (ratio about 1, up to 1.9 with momentum 0.9) is not flagged.
 */
export const UPDATE_RATIO_SEVERE = 2;
/** The loss "rises" when the mean of the last LOOKBACK sampled losses exceeds the mean of the LOOKBACK before by this factor. */
export const LOSS_RISE = 1.1;
/** Sampled steps that median-based rules look back over. */
export const LOOKBACK = 5;
/** Fewest sampled steps a median-based rule needs before it speaks. */
export const MIN_SAMPLES = 3;

/** Where a NaN/Inf was first seen: the loss, a watched layer's output, a gradient or a weight. */
export type NonFiniteWhere = 'loss' | 'output' | 'gradient' | 'weight';

/** The first non-finite value the monitor saw at a step. */
export interface NonFiniteEvent {
  readonly step: number;
  readonly where: NonFiniteWhere;
  /** Position in `layers` (absent for the loss). */
  readonly layer?: number;
}

/** What the rules read: the monitor's history, oldest record first. */
export interface RuleInput {
  readonly layers: readonly LayerInfo[];
  readonly steps: readonly StepRecord[];
  /** Samples in the dead-unit window. */
  readonly window: number;
  /** Per layer (same order as `layers`): samples its dead-unit statistics have seen so far. */
  readonly samplesSeen: readonly number[];
  /** Positions in `layers`, in the order the layers ran forward (may be empty: then `layers` order). */
  readonly order: readonly number[];
  /** Set when a NaN/Inf was seen at the latest step. */
  readonly nonFinite?: NonFiniteEvent;
}

/** Codes reported once per (code, layer); the others are about the whole run and reported once. */
const PER_LAYER: ReadonlySet<FindingCode> = new Set<FindingCode>(['DEAD_UNITS', 'SATURATED']);

/**
 * The identity a finding is deduplicated by: code and layer for DEAD_UNITS and SATURATED, the
 * code alone for the run-wide ones (a NaN spreads to every layer; it is reported once).
 * @example findingKey({ code: 'DEAD_UNITS', layer: 'fc2', severity: 'warning', step: 0, message: '', advice: '', values: {} }) // 'DEAD_UNITS|fc2'
 */
export function findingKey(f: Pick<Finding, 'code' | 'layer'>): string {
  return PER_LAYER.has(f.code) ? `${f.code}|${f.layer ?? ''}` : f.code;
}

const pct = (x: number): string => `${Math.round(100 * x)}%`;
const sci = (x: number): string => x.toExponential(1);
const label = (l: LayerInfo): string => `layer ${l.index} '${l.name}' (${l.type})`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The finite, non-null values of `pick` over the last `n` records. */
function recent(steps: readonly StepRecord[], n: number, pick: (r: StepRecord) => number | null): number[] {
  return steps.slice(-n).map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
}

function finding(code: FindingCode, severity: Finding['severity'], step: number, layer: LayerInfo | undefined, message: string, advice: string, values: Record<string, number>): Finding {
  return { code, severity, step, ...(layer ? { layer: layer.name, layerIndex: layer.index } : {}), message, advice, values };
}

function deadUnits(input: RuleInput, last: StepRecord): Finding[] {
  const out: Finding[] = [];
  input.layers.forEach((l, i) => {
    const dead = last.layers[i]?.deadFraction ?? null;
    if (l.activation !== 'relu' || dead === null || dead < DEAD_FRACTION || (input.samplesSeen[i] ?? 0) < input.window) return;
    const isRelu = l.type === 'ReLU';
    const what = isRelu ? 'output 0' : 'output ≤ 0';
    const message = `${label(l)}: ${pct(dead)} of units have ${what} for every sample of the last ${input.window} — dead ${isRelu ? 'ReLUs' : 'units'}`;
    const advice = 'try a lower learning rate, He initialisation or LeakyReLU';
    out.push(finding('DEAD_UNITS', dead >= 1 ? 'error' : 'warning', last.step, l, message, advice, { deadFraction: dead, window: input.window }));
  });
  return out;
}

/** DEAD_UNITS on a parameter layer: no gradient at all reaches it over recent samples (grads exactly 0). */
function noGradient(input: RuleInput, last: StepRecord): Finding[] {
  const out: Finding[] = [];
  input.layers.forEach((l, i) => {
    if (!l.hasParameters || last.layers[i]?.gradNorm !== 0) return;
    const grads = recent(input.steps, LOOKBACK, (r) => r.layers[i]?.gradNorm ?? null);
    if (grads.length < MIN_SAMPLES || grads.some((g) => g !== 0)) return;
    const message = `${label(l)}: its gradient has been exactly 0 for the last ${grads.length} sampled steps — no gradient reaches it (the units after it are dead, or it is cut off from the loss)`;
    const advice = 'try a lower learning rate, He initialisation or LeakyReLU';
    out.push(finding('DEAD_UNITS', 'error', last.step, l, message, advice, { gradNorm: 0, samples: grads.length }));
  });
  return out;
}

function saturated(input: RuleInput, last: StepRecord): Finding[] {
  const out: Finding[] = [];
  input.layers.forEach((l, i) => {
    if (l.activation !== 'sigmoid' && l.activation !== 'tanh') return;
    const xs = recent(input.steps, LOOKBACK, (r) => r.layers[i]?.saturatedFraction ?? null);
    if (xs.length < MIN_SAMPLES || mean(xs) < SATURATED_FRACTION) return;
    const range = l.activation === 'tanh' ? '|y| > 0.99' : 'y < 0.01 or y > 0.99';
    const message = `${label(l)}: ${pct(mean(xs))} of outputs are saturated (${range}) over the last ${xs.length} sampled steps — saturated units pass almost no gradient`;
    const advice = 'try smaller initial weights (Glorot/Xavier initialisation), normalised inputs, batch normalisation, a lower learning rate or ReLU-family activations';
    out.push(finding('SATURATED', 'warning', last.step, l, message, advice, { saturatedFraction: mean(xs), samples: xs.length }));
  });
  return out;
}

/** Parameter layers in forward order (those never seen running go last, in `layers` order). */
function paramOrder(input: RuleInput): number[] {
  const seen = input.order.filter((i) => input.layers[i]?.hasParameters);
  const rest = input.layers.map((_, i) => i).filter((i) => input.layers[i]!.hasParameters && !seen.includes(i));
  return [...seen, ...rest];
}

function vanishing(input: RuleInput, last: StepRecord): Finding[] {
  const order = paramOrder(input).filter((i) => last.layers[i]?.gradNorm != null);
  if (order.length < 2) return [];
  const first = order[0]!;
  const end = order.at(-1)!;
  // NOTE: an exactly-zero first-layer gradient is left to DEAD_UNITS (dead or disconnected, not vanishing)
  const ratios = recent(input.steps, LOOKBACK, (r) => {
    const a = r.layers[first]?.gradNorm ?? null;
    const b = r.layers[end]?.gradNorm ?? null;
    return a !== null && b !== null && a > 0 && b > 0 ? a / b : null;
  });
  if (ratios.length < MIN_SAMPLES || median(ratios) > VANISHING_RATIO) return [];
  const ratio = median(ratios);
  const [lf, le] = [input.layers[first]!, input.layers[end]!];
  const [gFirst, gLast] = [last.layers[first]!.gradNorm!, last.layers[end]!.gradNorm!];
  const orders = -Math.log10(ratio);
  const message = `gradient norm falls from ${sci(gLast)} at ${label(le)} to ${sci(gFirst)} at ${label(lf)}, ${orders.toFixed(1)} orders of magnitude — vanishing gradients`;
  const advice = 'try ReLU-family activations instead of sigmoid/tanh, He initialisation, batch normalisation, residual connections or fewer layers';
  return [finding('VANISHING_GRADIENT', 'warning', last.step, lf, message, advice, { firstGradNorm: gFirst, lastGradNorm: gLast, ratio, orders })];
}

const totalGrad = (r: StepRecord): number | null => {
  let s = 0;
  let has = false;
  for (const l of r.layers) {
    if (l.gradNorm === null) continue;
    s += l.gradNorm * l.gradNorm;
    has = true;
  }
  return has ? Math.sqrt(s) : null;
};

function exploding(input: RuleInput, last: StepRecord): Finding[] {
  const now = recent(input.steps, MIN_SAMPLES, totalGrad);
  const before = recent(input.steps.slice(0, -MIN_SAMPLES), 2 * LOOKBACK, totalGrad).filter((v) => v > 0);
  const norm = totalGrad(last);
  if (norm === null || !Number.isFinite(norm) || now.length < MIN_SAMPLES) return [];
  const growth = before.length >= MIN_SAMPLES ? median(now) / median(before) : 1;
  const isGrowing = growth >= EXPLODING_GROWTH && median(now) >= EXPLODING_MIN_NORM;
  if (!isGrowing && norm < EXPLODING_NORM) return [];
  let top = -1;
  last.layers.forEach((l, i) => {
    if (l.gradNorm !== null && (top < 0 || l.gradNorm > last.layers[top]!.gradNorm!)) top = i;
  });
  const where = top >= 0 ? `, largest at ${label(input.layers[top]!)}` : '';
  const how = isGrowing ? `grew ×${sci(growth)} (from ${sci(median(before))} to ${sci(median(now))}) within ${before.length + now.length} sampled steps` : `is ${sci(norm)}`;
  const message = `total gradient norm ${how}${where} — exploding gradients`;
  const advice = 'try a lower learning rate, gradient clipping (clipGradNorm), batch normalisation or smaller initial weights';
  return [finding('EXPLODING_GRADIENT', 'error', last.step, input.layers[top], message, advice, { gradNorm: norm, growth })];
}

/** A factor for a sentence: '4×', '4374×', '4.3e+29×'. */
function times(x: number): string {
  return `${x < 1e6 ? Math.round(x) : sci(x)}×`;
}

function lrTooHigh(input: RuleInput, last: StepRecord): Finding[] {
  // the median for the warning; the largest for the error (one step that changes the weights by their own size is enough)
  let [worst, ratio, samples, top, topRatio] = [-1, 0, 0, -1, 0];
  input.layers.forEach((l, i) => {
    const xs = recent(input.steps, LOOKBACK, (r) => r.layers[i]?.updateRatio ?? null);
    if (!l.hasParameters || xs.length < MIN_SAMPLES) return;
    if (median(xs) > ratio) [worst, ratio, samples] = [i, median(xs), xs.length];
    if (Math.max(...xs) > topRatio) [top, topRatio] = [i, Math.max(...xs)];
  });
  if (topRatio >= UPDATE_RATIO_SEVERE) {
    const l = input.layers[top]!;
    const message = `update-to-weight ratio ‖ΔW‖/‖W‖ reached ${sci(topRatio)} in one step at ${label(l)} (the weights moved by ${times(topRatio)} their own size), ${times(topRatio / UPDATE_RATIO_TYPICAL)} the usual ~1e-3 — learning rate too high`;
    return [finding('LR_TOO_HIGH', 'error', last.step, l, message, 'try a learning rate 10× lower, a warm-up schedule or gradient clipping (clipGradNorm)', { updateRatio: topRatio })];
  }
  if (worst < 0 || ratio < UPDATE_RATIO_HIGH) return [];
  const losses = recent(input.steps, 2 * LOOKBACK, (r) => r.loss);
  const [early, late] = [losses.slice(0, -LOOKBACK), losses.slice(-LOOKBACK)];
  const isRising = early.length >= MIN_SAMPLES && late.length === LOOKBACK && mean(late) > LOSS_RISE * mean(early);
  if (!isRising) return [];
  const l = input.layers[worst]!;
  const message = `update-to-weight ratio ‖ΔW‖/‖W‖ is ${sci(ratio)} per step at ${label(l)} (median of the last ${samples} sampled steps), ${times(ratio / UPDATE_RATIO_TYPICAL)} the usual ~1e-3, and the loss is rising (${mean(early).toPrecision(3)} → ${mean(late).toPrecision(3)}) — learning rate too high`;
  const advice = 'try a learning rate 10× lower, a warm-up schedule or gradient clipping (clipGradNorm)';
  return [finding('LR_TOO_HIGH', 'warning', last.step, l, message, advice, { updateRatio: ratio, lossBefore: mean(early), lossNow: mean(late) })];
}

function nonFinite(input: RuleInput): Finding[] {
  const e = input.nonFinite;
  if (e === undefined) return [];
  const l = e.layer !== undefined ? input.layers[e.layer] : undefined;
  const at = `at step ${e.step}`;
  const message =
    e.where === 'loss' ? `the loss is NaN or infinite ${at}` :
    e.where === 'output' ? `${label(l!)} produced NaN/Inf outputs ${at} (the first watched layer in forward order to do so)` :
    e.where === 'gradient' ? `the gradient of ${label(l!)} holds NaN/Inf ${at}` :
    `the weights of ${label(l!)} hold NaN/Inf ${at}`;
  const advice = 'try a lower learning rate, gradient clipping (clipGradNorm), checking the inputs for NaN/Inf, and anomaly mode (detectAnomaly, or myelin train --detect-anomaly) to name the op that produced it';
  return [finding('NON_FINITE', 'error', e.step, l, message, advice, { step: e.step })];
}

/**
 * Every finding the latest record supports, whether or not it was reported before.
 * @example
 * const layers = [{ name: '0', index: 0, type: 'ReLU', activation: 'relu' as const, hasParameters: false }];
 * const stats = { actMean: 0, actStd: 0, deadFraction: 0.75, saturatedFraction: null, gradNorm: null, weightNorm: null, updateRatio: null };
 * const found = runRules({ layers, steps: [{ step: 40, epoch: 0, loss: 1, layers: [stats] }], window: 100, samplesSeen: [128], order: [0] });
 * found[0]!.message // "layer 0 '0' (ReLU): 75% of units have output 0 for every sample of the last 100 — dead ReLUs"
 */
export function runRules(input: RuleInput): Finding[] {
  const last = input.steps.at(-1);
  const found = nonFinite(input);
  // NOTE: once weights hold NaN/Inf every other statistic is meaningless (a NaN ReLU input reads as dead)
  if (last === undefined || input.layers.some((l, i) => l.hasParameters && last.layers[i]?.weightNorm === null)) return found;
  return [...found, ...exploding(input, last), ...lrTooHigh(input, last), ...vanishing(input, last), ...saturated(input, last), ...deadUnits(input, last), ...noGradient(input, last)];
}

/** The findings of `runRules` whose key (`findingKey`) is not in `reported`, each key once. */
export function newFindings(input: RuleInput, reported: ReadonlySet<string>): Finding[] {
  const keys = new Set(reported);
  return runRules(input).filter((f) => !keys.has(findingKey(f)) && Boolean(keys.add(findingKey(f))));
}
