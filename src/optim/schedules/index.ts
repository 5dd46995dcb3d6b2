/** LR schedules: epoch-indexed (chainable, PyTorch 1.13) and metric-driven (ReduceLROnPlateau). */
export { LRScheduler, type SchedulerStateDict, type SchedulerStateValue, type SchedulableGroup } from './lr_scheduler.js';
export { StepLR, type StepLROptions } from './step_lr.js';
export { MultiStepLR, type MultiStepLROptions } from './multi_step_lr.js';
export { ExponentialLR, type ExponentialLROptions } from './exponential_lr.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine_annealing_lr.js';
export { LinearLR, type LinearLROptions } from './linear_lr.js';
export { OneCycleLR, type OneCycleLROptions } from './one_cycle_lr.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce_lr_on_plateau.js';
