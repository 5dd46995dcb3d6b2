/**
 * The list of backends and the current one. Backends are created lazily on first use, so
 * importing Myelin does no work and no import cycle can see a half-built kernel table.
 */
import { ArgumentError } from '../errors.js';
import type { Backend, BackendName } from './backend.js';
import type { KernelTable } from './kernel_types.js';
import { createJsBackend } from './js/index.js';

const factories: Record<BackendName, (() => Backend) | undefined> = {
  js: createJsBackend,
  native: undefined,
};
const made = new Map<BackendName, Backend>();
let current: Backend | undefined;

export function getBackend(name?: BackendName): Backend {
  if (name === undefined) return (current ??= getBackend('js'));
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
  return (current ??= getBackend('js')).kernels;
}
