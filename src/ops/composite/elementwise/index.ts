/** Composite ops of the 'elementwise' family, one file each. */
export {};
