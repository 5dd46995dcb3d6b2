/** Tensor methods for the 'conv' composite family. */
export {};
