/** Composite ops of the 'shape' family, one file each. */
export {};
