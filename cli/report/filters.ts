/**
 * The report's "First-layer filters" section: the weights of the model's first Conv2d (in
 * namedModules order), each filter scaled to [0, 1] by `convFilters` from src/explain and sent
 * to the page as bytes, to be drawn as small enlarged images. One input channel is drawn grey,
 * three as RGB; any other count as the mean over input channels, in grey. Models without a
 * Conv2d get no section.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Conv2d, convFilters, loadModel, type Module } from 'myelin';
import type { FiltersView } from './types.js';

/** Filters shown at most (the first ones, in output-channel order). */
export const MAX_FILTERS = 64;

/** The model's first Conv2d in namedModules order, or undefined when it has none. */
export function firstConv2d(model: Module): { name: string; module: Conv2d } | undefined {
  for (const [name, m] of model.namedModules()) if (m instanceof Conv2d) return { name, module: m };
  return undefined;
}

/** round(255·v) of [0, 1] values as base64 bytes. */
function toBytes(values: ArrayLike<number>): string {
  return Buffer.from(Uint8Array.from(values, (v) => Math.round(255 * Math.min(1, Math.max(0, v))))).toString('base64');
}

/**
 * The first Conv2d's filters as the page draws them, or null when the model has no Conv2d.
 * @example filtersView(new Sequential(new Conv2d(1, 4, 5), new ReLU()))!.weightShape // [4, 1, 5, 5]
 */
export function filtersView(model: Module, maxFilters = MAX_FILTERS): FiltersView | null {
  const conv = firstConv2d(model);
  if (!conv) return null;
  const scaled = convFilters(conv.module);
  const [outC, inC, kH, kW] = scaled.shape as [number, number, number, number];
  const v = scaled.toTypedArray();
  const channels = inC === 1 ? 'grey' : inC === 3 ? 'rgb' : 'mean';
  const area = kH * kW;
  const filters: string[] = [];
  for (let f = 0; f < Math.min(outC, maxFilters); f++) {
    const start = f * inC * area;
    if (channels !== 'mean') {
      filters.push(toBytes(v.subarray(start, start + inC * area)));
      continue;
    }
    // NOTE: the mean of values each in [0, 1] stays in [0, 1]; it is not rescaled, so a filter
    // whose channels disagree looks flatter (greyer) than one whose channels agree.
    const mean = new Float32Array(area);
    for (let c = 0; c < inC; c++) for (let p = 0; p < area; p++) mean[p]! += v[start + c * area + p]! / inC;
    filters.push(toBytes(mean));
  }
  return { layer: conv.name, weightShape: [outC, inC, kH, kW], channels, filters };
}

/** filtersView of the run's saved model; null without a saved model or when it cannot be loaded (the test section says why). */
export function runFilters(runDir: string): FiltersView | null {
  if (!existsSync(join(runDir, 'model.json')) || !existsSync(join(runDir, 'model.safetensors'))) return null;
  try {
    return filtersView(loadModel(runDir).model);
  } catch {
    return null;
  }
}
