/** Callbacks for fit, one per file. `callbacks.ReduceLROnPlateau` is the Keras name of ReduceLROnPlateauCallback. */
export { Callback, CallbackList, type Logs, type FitParams, type TrainingContext } from './callback.js';
export type { MonitorMode } from './monitor.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early_stopping.js';
export { ModelCheckpoint, formatCheckpointPath, type ModelCheckpointOptions } from './model_checkpoint.js';
export { ReduceLROnPlateauCallback, type ReduceLROnPlateauCallbackOptions } from './reduce_lr_on_plateau_callback.js';
export { LearningRateScheduler } from './learning_rate_scheduler.js';
export { CSVLogger, type CSVLoggerOptions } from './csv_logger.js';
export { JsonlLogger, type JsonlLoggerOptions } from './jsonl_logger.js';
export { TerminateOnNaN } from './terminate_on_nan.js';
export { ProgressBar, formatValue, formatDuration, type ProgressBarOptions, type OutputStream } from './progress_bar.js';
