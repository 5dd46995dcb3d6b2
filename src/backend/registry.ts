/**
 * The list of backends and the current one. Backends are created lazily on first use, so
 * importing Myelin does no work and no import cycle can see a half-built kernel table.
 */
import { ArgumentError } from '../errors.js';
import type { Backend, BackendName } from './backend.js';
import type { KernelTable } from './kernel_types.js';
import { createJsBackend } from './js/index.js';
import { createNativeBackend } from './native/index.js';

const factories: Record<BackendName, (() => Backend) | undefined> = {
  js: createJsBackend,
  native: createNativeBackend,
};
const made = new Map<BackendName, Backend>();
let current: Backend | undefined;

export function getBackend(name?: BackendName): Backend {
  if (name === undefined) return (current ??= defaultBackend());
  let b = made.get(name);
  if (!b) {
    const factory = factories[name];
    if (!factory) throw new ArgumentError(`setBackend: backend '${name}' is not available in this build`);
    b = factory();
    made.set(name, b);
  }
  return b;
}

/** Names of the backends that load on this machine (the op suite runs on each). */
export function availableBackends(): BackendName[] {
  return (Object.keys(factories) as BackendName[]).filter((n) => {
    try {
      getBackend(n);
      return true;
    } catch {
      return false;
    }
  });
}

/** Selects the backend every following op runs on. */
export function setBackend(name: BackendName): void {
  current = getBackend(name);
}

/** Kernel table of the current backend (hot path: one property read after the first call). */
export function kernels(): KernelTable {
  return (current ??= defaultBackend()).kernels;
}

/**
 * The backend ops use until setBackend: MYELIN_BACKEND (js|native) when set, else native when it
 * loads, else js. NOTE: when native was wanted but cannot load, one console line says why.
 */
function defaultBackend(): Backend {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const want = env['MYELIN_BACKEND'] || undefined;
  if (want === 'js') return getBackend('js');
  try {
    if (want !== undefined && want !== 'native') throw new Error(`MYELIN_BACKEND='${want}' is not js or native`);
    return getBackend('native');
  } catch (e) {
    console.warn(`myelin: running on the js backend: ${e instanceof Error ? e.message : String(e)}`);
    return getBackend('js');
  }
}
