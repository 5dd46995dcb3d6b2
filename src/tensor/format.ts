/**
 * PyTorch-like printing: `tensor([[1.0000, 2.0000], ...], dtype=float64, requiresGrad=true)`.
 * Large tensors show the first and last 3 entries of each dim with `...` between.
 */
import type { Tensor } from './tensor.js';

const EDGE = 3;
const THRESHOLD = 1000;

function fmtNumber(x: number, dtype: string, sci: boolean): string {
  if (dtype === 'bool') return x ? 'true' : 'false';
  if (dtype === 'int32') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return sci ? x.toExponential(4) : x.toFixed(4);
}

export function formatTensor(t: Tensor): string {
  const flat = t.toTypedArray();
  const summarize = flat.length > THRESHOLD;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of flat) {
    const a = Math.abs(v);
    if (Number.isFinite(a)) {
      maxAbs = Math.max(maxAbs, a);
      if (a > 0) minAbs = Math.min(minAbs, a);
    }
  }
  const sci = maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs !== Infinity);
  const strs = Array.from(flat, (v) => fmtNumber(v, t.dtype, sci));
  const width = strs.reduce((w, s) => Math.max(w, s.length), 0);
  const strides: number[] = [];
  let s = 1;
  for (let i = t.ndim - 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  const indent = 'tensor('.length;
  const rec = (d: number, base: number): string => {
    if (d === t.ndim) return strs[base]!.padStart(width);
    const n = t.shape[d]!;
    const idx = summarize && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    const parts = idx.map((i) => (i < 0 ? '...' : rec(d + 1, base + i * strides[d]!)));
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
