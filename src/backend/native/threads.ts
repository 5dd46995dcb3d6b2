/**
 * The native backend's thread count. The pool is sized to the machine's cores unless
 * MYELIN_NUM_THREADS or setNumThreads says otherwise; without the addon both calls are no-ops.
 */
import { ArgumentError } from '../../errors.js';
import { tryAddon } from './addon.js';

/**
 * Sets how many threads native kernels use (n >= 1); a no-op when only the js backend loads.
 * @example setNumThreads(1); getNumThreads() // 1
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`setNumThreads: expected an integer >= 1, got ${n}`);
  tryAddon()?.setNumThreads(n);
}

/**
 * Threads native kernels use; 1 when only the js backend loads.
 * @example getNumThreads() >= 1 // true
 */
export function getNumThreads(): number {
  return tryAddon()?.getNumThreads() ?? 1;
}
