/** io: safetensors files (read, write, inspect) and training checkpoints (save, load, restore). */
export { SafetensorsError, CheckpointError } from './errors.js';
export { serializeSafetensors, parseSafetensors, type TensorDict, type SafetensorsContent } from './safetensors.js';
export { saveSafetensors, loadSafetensors, inspectSafetensors } from './safetensors_file.js';
export type { SafetensorsDType, SafetensorsEntry, SafetensorsHeader } from './safetensors_header.js';
export {
  serializeCheckpoint, parseCheckpoint, saveCheckpoint, loadCheckpoint, restoreCheckpoint,
  type Checkpoint, type CheckpointState, type RestoreTargets, type StateSource, type StateTarget,
} from './checkpoint.js';
export type { GeneratorState } from '../tensor/random.js';
export { saveModel, loadModel, buildModel, architectureOf, layerTypes, prettyJson, ModelDirError, type LayerSpec, type LoadedModel, type JsonValue } from './model_dir.js';
export { deriveArchitecture } from './derive_architecture.js';
import './model_methods.js';
