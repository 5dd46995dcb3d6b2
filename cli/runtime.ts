/** The --backend and --threads flags shared by the commands that compute, and the line describing them. */
import { getBackend, getNumThreads, setBackend, setNumThreads } from 'myelin';
import type { FlagSpec } from './args.js';
import { UsageError } from './errors.js';

export const RUNTIME_FLAGS = {
  backend: { type: 'string', choices: ['js', 'native'], help: 'compute backend (default: native when it loads, else js; env MYELIN_BACKEND)' },
  threads: { type: 'int', metavar: 'N', help: 'threads for the native backend (default: all cores)' },
} as const satisfies Record<string, FlagSpec>;

/** Applies --backend and --threads; returns e.g. 'native backend, 2 thread(s)'. */
export function applyRuntime(flags: { backend?: string; threads?: number }): string {
  if (flags.backend === 'js' || flags.backend === 'native') setBackend(flags.backend);
  if (flags.threads !== undefined && flags.threads < 1) throw new UsageError(`--threads must be at least 1, got ${flags.threads}`);
  if (flags.threads !== undefined) setNumThreads(flags.threads);
  const name = getBackend().name;
  return name === 'native' ? `native backend, ${getNumThreads()} thread(s)` : `${name} backend`;
}
