/** Composite ops of the 'conv' family, one file each. */
export {};
