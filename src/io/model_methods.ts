/**
 * `model.save(dir)` on every Module (Keras's spelling of saveModel): architecture JSON and
 * safetensors weights, reloadable with `loadModel(dir)` and no user code for built-in layers.
 */
import { Module } from '../nn/module.js';
import { saveModel, type JsonValue } from './model_dir.js';

declare module '../nn/module.js' {
  interface Module {
    /** Saves this model into `dir` (model.json + model.safetensors); see saveModel. */
    save(dir: string, info?: Record<string, JsonValue>): void;
  }
}

Module.prototype.save = function (this: Module, dir: string, info: Record<string, JsonValue> = {}): void {
  saveModel(dir, this, undefined, info);
};
