/** Composite ops of the 'reduce' family, one file each. */
export {};
