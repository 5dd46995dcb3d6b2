/** Composite ops of the 'conv' family, one file each. */
export { conv1d, type Conv1dOptions } from './conv1d.js';
export { conv2d, conv2dRelu, type Conv2dOptions } from './conv2d.js';
export { convTranspose2d, type ConvTranspose2dOptions } from './conv_transpose2d.js';
export { maxPool1d, type MaxPool1dOptions } from './max_pool1d.js';
export { maxPool2d, type MaxPool2dOptions, type MaxPoolResult } from './max_pool2d.js';
export { avgPool1d, type AvgPool1dOptions } from './avg_pool1d.js';
export { avgPool2d, type AvgPool2dOptions } from './avg_pool2d.js';
export { adaptiveAvgPool2d } from './adaptive_avg_pool2d.js';
