/** Tensor methods for the 'shape' composite family. */
export {};
