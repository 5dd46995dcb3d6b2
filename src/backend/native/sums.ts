/**
 * The addon's one-pass parameter sums (native/src/simd_kernels.inl, `param_sums`) for the
 * diagnostics monitor (src/diagnostics/probe.ts): Σ w², Σ (w − before)², Σ before², Σ grad² of
 * float32 arrays, accumulated in float64 like the JS loops there, which stay the reference (they
 * run on the js backend, for float64, and whenever this returns undefined).
 */
import { getBackend } from '../registry.js';
import { tryAddon } from './addon.js';

const out = new Float64Array(4);

/**
 * [Σ w², Σ (w − before)², Σ before², Σ grad²] (0 for a null array), or undefined when the native
 * backend is not active or the arrays are not float32 of one length.
 */
export function nativeParamSums(w: unknown, before: unknown, grad: unknown): [number, number, number, number] | undefined {
  if (getBackend().name !== 'native' || !(w instanceof Float32Array)) return undefined;
  const n = w.length;
  const ok = (a: unknown): boolean => a === null || (a instanceof Float32Array && a.length === n);
  if (!ok(before) || !ok(grad)) return undefined;
  const a = tryAddon();
  if (a?.paramSums === undefined) return undefined;
  a.paramSums(w, before as Float32Array | null, grad as Float32Array | null, out);
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}
