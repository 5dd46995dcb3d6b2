/**
 * The native addon's fused optimizer steps (native/src/optim.cc), used by the fused updates of
 * SGD and Adam/AdamW for float32 parameters when the current backend is native. They give the
 * same bits as the JS loops; anything else (float64, the js backend, an addon without them) runs
 * the JS loop. Lengths are checked here, before the addon is called.
 */
import { getBackend } from '../backend/registry.js';
import { type NativeAddon, tryAddon } from '../backend/native/addon.js';
import type { FloatArray } from './optimizer.js';

export const SGD_FLAGS = { maximize: 1, weightDecay: 2, momentum: 4, first: 8, nesterov: 16 } as const;
export const ADAM_FLAGS = { maximize: 1, decoupled: 2, l2: 4, amsgrad: 8 } as const;

type Steps = Required<Pick<NativeAddon, 'sgdUpdate' | 'adamUpdate'>>;

/** The addon's optimizer steps when the current backend is native and the addon has them. */
export function nativeSteps(): Steps | undefined {
  if (getBackend().name !== 'native') return undefined;
  const a = tryAddon();
  return a?.sgdUpdate && a.adamUpdate ? (a as Steps) : undefined;
}

/** True when every array is a Float32Array of `n` elements (undefined entries are skipped). */
export function allF32(n: number, ...arrays: (FloatArray | undefined)[]): boolean {
  for (const a of arrays) if (a !== undefined && !(a instanceof Float32Array && a.length === n)) return false;
  return true;
}
