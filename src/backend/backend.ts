/**
 * The Backend contract. CPU backends share typed-array storage, so a backend is its kernel
 * table plus a name; `fallbackToJs` marks a kernel a backend borrows from the reference backend,
 * so the coverage report can show it.
 */
import type { KernelTable, PrimitiveName } from './kernel_types.js';

export type BackendName = 'js' | 'native';

export interface Backend {
  readonly name: BackendName;
  readonly kernels: KernelTable;
  /** Primitives this backend delegates to the js backend. */
  readonly fallbacks: ReadonlySet<PrimitiveName>;
}
