/** Tensor methods for the 'reduce' composite family. */
export {};
