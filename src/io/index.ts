/** io: safetensors files (read, write, inspect). */
export { SafetensorsError, CheckpointError } from './errors.js';
export { serializeSafetensors, parseSafetensors, type TensorDict, type SafetensorsContent } from './safetensors.js';
export { saveSafetensors, loadSafetensors, inspectSafetensors } from './safetensors_file.js';
export type { SafetensorsDType, SafetensorsEntry, SafetensorsHeader } from './safetensors_header.js';
