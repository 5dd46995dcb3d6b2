/** The --backend and --threads flags shared by the commands that compute, and the line describing them. */
import * as myelin from 'myelin';
import { getBackend, setBackend } from 'myelin';
import type { FlagSpec } from './args.js';
import { CliError } from './errors.js';

export const RUNTIME_FLAGS = {
  backend: { type: 'string', choices: ['js', 'native'], help: 'compute backend (default: native when it loads, else js; env MYELIN_BACKEND)' },
  threads: { type: 'int', metavar: 'N', help: 'threads for the native backend (default: all cores)' },
} as const satisfies Record<string, FlagSpec>;

// NOTE: the native backend's thread control is looked up, not imported, so the CLI builds before
// the backend work exports it (src/backend/native/threads.ts); absent, --threads is refused.
const threads = myelin as unknown as { setNumThreads?: (n: number) => void; getNumThreads?: () => number };

/** Applies --backend and --threads; returns e.g. 'native backend, 2 thread(s)'. */
export function applyRuntime(flags: { backend?: string; threads?: number }): string {
  if (flags.backend === 'js' || flags.backend === 'native') setBackend(flags.backend);
  if (flags.threads !== undefined) {
    if (!threads.setNumThreads) throw new CliError('--threads: this build of Myelin has no native thread control');
    threads.setNumThreads(flags.threads);
  }
  const name = getBackend().name;
  return name === 'native' && threads.getNumThreads ? `native backend, ${threads.getNumThreads()} thread(s)` : `${name} backend`;
}
