/**
 * Whether ops record the graph. `noGrad(fn)` runs `fn` without recording; `enableGrad(fn)`
 * records again inside a noGrad region. Synchronous functions only: an async callback's later
 * steps run after the mode is restored.
 */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

function withMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

/**
 * Runs `fn` without building a graph: results do not require grad, nothing is saved for backward.
 * @example const w = ones([2], { requiresGrad: true }); noGrad(() => w.mul(2)).requiresGrad // false
 */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Runs `fn` with graph recording on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
