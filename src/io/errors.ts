/**
 * Errors of the io family. Messages start with the function name and say what is wrong with the
 * file or the state (one line, no stack of causes); the underlying Node error, if any, is `cause`.
 */
import { MyelinError } from '../errors.js';

/** A safetensors file or byte buffer that is malformed, hostile, or uses a dtype Myelin cannot read. */
export class SafetensorsError extends MyelinError {}

/** A checkpoint that cannot be written, read or applied (bad state, missing tensors, I/O failure). */
export class CheckpointError extends MyelinError {}
