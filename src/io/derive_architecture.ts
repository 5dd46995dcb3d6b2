/**
 * The architecture spec of a model built in code from Myelin's layers, read from the
 * constructor arguments the layers barrel records (see nn/layer_args.ts). Sequentials nest.
 */
import { MyelinError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { constructorCall } from '../nn/layer_args.js';
import type { JsonValue, LayerSpec } from './model_dir.js';

/** Plain JSON data equal to `v`, or undefined when `v` holds anything else (a tensor, a module, a function). */
function asJson(v: unknown): JsonValue | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) {
    const out = v.map(asJson);
    return out.every((x) => x !== undefined) ? (out as JsonValue[]) : undefined;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const j = asJson(x);
      if (j === undefined) return undefined;
      out[k] = j;
    }
    return out;
  }
  return undefined;
}

/**
 * Spec of `model`, or a MyelinError naming the first part that is not a built-in layer.
 * @example deriveArchitecture(new Sequential(new Linear(2, 3), new ReLU())).layers!.length // 2
 */
export function deriveArchitecture(model: Module, path = 'model'): LayerSpec {
  const call = constructorCall(model);
  if (!call) {
    throw new MyelinError(`saveModel: ${path} (${model.constructor.name}) is not one of Myelin's layers built with new; pass an architecture spec (see buildModel)`);
  }
  if (call.type === 'Sequential') {
    const kids = [...model.namedChildren()];
    const named = kids.some(([k], i) => k !== String(i));
    return {
      type: 'Sequential',
      layers: kids.map(([k, c]) => ({ ...deriveArchitecture(c, `${path}.${k}`), ...(named ? { name: k } : {}) })),
    };
  }
  const args = asJson(call.args);
  if (args === undefined) {
    throw new MyelinError(`saveModel: ${path} (${call.type}) was built with arguments that are not plain JSON data; pass an architecture spec`);
  }
  return { type: call.type, args: args as JsonValue[] };
}
