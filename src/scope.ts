/**
 * Scoped state: run `fn`, then `restore`, whether fn returns, throws, or returns a promise (then
 * restore runs when it settles). What grad mode, train/eval mode, layer tracking and anomaly
 * mode use to put things back, so `await withX(() => model.fit(...))` keeps the scope for the
 * whole run.
 */
export function runScoped<T>(fn: () => T, restore: () => void): T {
  let isAsync = false;
  try {
    const out = fn();
    if (out instanceof Promise) {
      isAsync = true;
      return out.finally(restore) as T;
    }
    return out;
  } finally {
    if (!isAsync) restore();
  }
}
