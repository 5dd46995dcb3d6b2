/**
 * The Backend contract. CPU backends share typed-array storage, so a backend is its kernel
 * table plus a name; `fallbackToJs` marks a kernel a backend borrows from the reference backend,
 * so the coverage report can show it.
 */
import type { KernelTable, PrimitiveName } from './kernel_types.js';
import { createJsBackend } from './js/index.js';

export type BackendName = 'js' | 'native';

export interface Backend {
  readonly name: BackendName;
  readonly kernels: KernelTable;
  /** Primitives this backend delegates to the js backend. */
  readonly fallbacks: ReadonlySet<PrimitiveName>;
}

const borrowed = new WeakSet<object>();
let jsKernels: KernelTable | undefined;

/**
 * The js backend's kernel for `name`, marked as borrowed: a backend's table says
 * `matmul: fallbackToJs('matmul')` for what it does not implement, and `fallbacksOf` finds it.
 */
export function fallbackToJs<N extends PrimitiveName>(name: N): KernelTable[N] {
  const table = (jsKernels ??= createJsBackend().kernels);
  const kernel = table[name] as (...args: never[]) => void;
  const wrapper = ((...args: never[]) => kernel(...args)) as unknown as KernelTable[N];
  borrowed.add(wrapper);
  return wrapper;
}

/** The primitives a kernel table borrows from the js backend (those made by `fallbackToJs`). */
export function fallbacksOf(kernels: KernelTable): Set<PrimitiveName> {
  return new Set((Object.keys(kernels) as PrimitiveName[]).filter((n) => borrowed.has(kernels[n])));
}
