/**
 * The layers of a model as every report names them: the submodules in `namedModules()` order,
 * the model itself and repeated (shared) modules left out, each with its 0-based position — the
 * row order of `summary`, and the "layer N" of error messages, diagnostics and anomaly reports.
 */
import type { Module } from './module.js';

export interface LayerEntry {
  /** Dotted name from `namedModules()` ('0', 'features.3'). */
  readonly name: string;
  /** Position among the model's layers (0-based). */
  readonly index: number;
  readonly module: Module;
}

/**
 * The model's layers, in order.
 * @example layerList(new Sequential(new Linear(2, 3), new ReLU())).map((l) => l.name) // ['0', '1']
 */
export function layerList(model: Module): LayerEntry[] {
  const seen = new Set<Module>([model]);
  const out: LayerEntry[] = [];
  for (const [name, module] of model.namedModules()) {
    if (seen.has(module)) continue;
    seen.add(module);
    out.push({ name, index: out.length, module });
  }
  return out;
}

/**
 * How messages name a layer: class, name and position.
 * @example layerLabel(layerList(new Sequential(new Linear(2, 3), new ReLU()))[1]!) // "ReLU '1' (layer 1)"
 */
export function layerLabel(layer: LayerEntry): string {
  return `${layer.module.constructor.name} '${layer.name}' (layer ${layer.index})`;
}
