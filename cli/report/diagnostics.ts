/**
 * Reads a run's diagnostics.json (a DiagnosticsReport, src/diagnostics/types.ts) into the few
 * series the report charts: gradient norm per layer with parameters, dead-unit fraction per
 * ReLU-family layer, saturation per sigmoid/tanh layer, the batch loss, and the findings. Checked field by field, since the file is
 * input; long runs are thinned evenly to at most MAX_POINTS sampled steps.
 */
import type { DiagnosticsView, FindingView, Series } from './types.js';

/** Points per chart line: enough to see the shape, small enough to keep report.html light. */
export const MAX_POINTS = 400;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Every k-th element so at most `max` remain, always keeping the last. */
export function thin<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  const k = Math.ceil(xs.length / max);
  const out = xs.filter((_, i) => i % k === 0);
  if ((xs.length - 1) % k !== 0) out.push(xs[xs.length - 1]!);
  return out;
}

function parseFinding(f: unknown, i: number): FindingView {
  if (!isObject(f) || typeof f['code'] !== 'string' || typeof f['message'] !== 'string') throw new Error(`findings[${i}] needs a code and a message`);
  return {
    code: f['code'],
    severity: f['severity'] === 'error' ? 'error' : 'warning',
    step: typeof f['step'] === 'number' ? f['step'] : 0,
    layer: typeof f['layer'] === 'string' ? f['layer'] : null,
    message: f['message'],
    advice: typeof f['advice'] === 'string' ? f['advice'] : '',
  };
}

/**
 * The chartable view of a parsed diagnostics.json.
 * @throws Error naming the first malformed field.
 */
export function diagnosticsView(raw: unknown): DiagnosticsView {
  if (!isObject(raw)) throw new Error('not a JSON object');
  const layers = raw['layers'];
  const steps = raw['steps'];
  const findings = raw['findings'] ?? [];
  if (!Array.isArray(layers)) throw new Error('"layers" must be an array');
  if (!Array.isArray(steps)) throw new Error('"steps" must be an array');
  if (!Array.isArray(findings)) throw new Error('"findings" must be an array');
  const infos = layers.map((l, i) => {
    if (!isObject(l) || typeof l['name'] !== 'string') throw new Error(`layers[${i}] needs a name`);
    const index = typeof l['index'] === 'number' ? l['index'] : i;
    const type = typeof l['type'] === 'string' ? l['type'] : '?';
    const name = l['name'] === String(index) || l['name'] === '' ? '' : ` ${l['name']}`;
    return { label: `layer ${index}${name} (${type})`, activation: l['activation'], hasParameters: l['hasParameters'] === true };
  });
  const records = thin(steps, MAX_POINTS).map((s, i) => {
    if (!isObject(s) || typeof s['step'] !== 'number' || !Array.isArray(s['layers'])) throw new Error(`steps[${i}] needs a step number and a layers array`);
    return { step: s['step'], loss: finiteOrNull(s['loss']), layers: s['layers'].map((l) => (isObject(l) ? l : {})) };
  });
  const column = (li: number, key: string): (number | null)[] => records.map((r) => finiteOrNull(r.layers[li]?.[key]));
  const gradNorm: Series[] = [];
  const deadFraction: Series[] = [];
  const saturatedFraction: Series[] = [];
  infos.forEach((info, li) => {
    if (info.hasParameters) gradNorm.push({ name: info.label, values: column(li, 'gradNorm') });
    if (info.activation === 'relu') deadFraction.push({ name: info.label, values: column(li, 'deadFraction') });
    if (info.activation === 'sigmoid' || info.activation === 'tanh') saturatedFraction.push({ name: info.label, values: column(li, 'saturatedFraction') });
  });
  return {
    steps: records.map((r) => r.step),
    loss: records.map((r) => r.loss),
    gradNorm,
    deadFraction,
    saturatedFraction,
    findings: findings.map(parseFinding),
    every: typeof raw['every'] === 'number' ? raw['every'] : 1,
    window: typeof raw['window'] === 'number' ? raw['window'] : 0,
  };
}
