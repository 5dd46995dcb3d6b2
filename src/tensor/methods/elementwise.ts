/** Tensor methods for the 'elementwise' composite family. */
export {};
