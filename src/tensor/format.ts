/**
 * PyTorch-like printing: `tensor([[1.0000, 2.0000], ...], dtype=float64, requiresGrad=true)`.
 * Large tensors show the first and last 3 entries of each dim with `...` between. Scientific
 * notation when values span more than 1000x, or go below 1e-4 or above 1e8 (PyTorch's rule).
 */
import type { Tensor } from './tensor.js';

const EDGE = 3;
const THRESHOLD = 1000;

function fmtNumber(x: number, dtype: string, sci: boolean): string {
  if (dtype === 'bool') return x ? 'true' : 'false';
  if (dtype === 'int32') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  // two exponent digits, as PyTorch prints them: 1.0000e-05
  return sci ? x.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2') : x.toFixed(4);
}

export function formatTensor(t: Tensor): string {
  const flat = t.toTypedArray();
  const summarize = flat.length > THRESHOLD;
  const strides: number[] = [];
  let s = 1;
  for (let i = t.ndim - 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  const shownIdx = (d: number): number[] => {
    const n = t.shape[d]!;
    return summarize && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
  };
  // NOTE: only the printed elements are formatted (and decide the number style), like PyTorch
  const shown: number[] = [];
  const collect = (d: number, base: number): void => {
    if (d === t.ndim) shown.push(base);
    else for (const i of shownIdx(d)) if (i >= 0) collect(d + 1, base + i * strides[d]!);
  };
  if (t.numel > 0) collect(0, 0);
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const i of shown) {
    const a = Math.abs(flat[i]!);
    if (Number.isFinite(a)) {
      maxAbs = Math.max(maxAbs, a);
      if (a > 0) minAbs = Math.min(minAbs, a);
    }
  }
  const sci = maxAbs >= 1e8 || (minAbs !== Infinity && (minAbs < 1e-4 || maxAbs / minAbs > 1000));
  const strs = new Map(shown.map((i) => [i, fmtNumber(flat[i]!, t.dtype, sci)]));
  let width = 0;
  for (const v of strs.values()) width = Math.max(width, v.length);
  const indent = 'tensor('.length;
  const rec = (d: number, base: number): string => {
    if (d === t.ndim) return strs.get(base)!.padStart(width);
    const parts = shownIdx(d).map((i) => (i < 0 ? '...' : rec(d + 1, base + i * strides[d]!)));
    const sep = d === t.ndim - 1 ? ', ' : ',' + '\n'.repeat(t.ndim - d - 1) + ' '.repeat(indent + d + 1);
    return `[${parts.join(sep)}]`;
  };
  const body = t.numel === 0 ? `[], size=[${t.shape.join(', ')}]` : rec(0, 0);
  const extras: string[] = [];
  if (t.dtype !== 'float32' || t.numel === 0) extras.push(`dtype=${t.dtype}`);
  if (t.gradFn) extras.push(`gradFn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push('requiresGrad=true');
  return `tensor(${body}${extras.length ? ', ' + extras.join(', ') : ''})`;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}
