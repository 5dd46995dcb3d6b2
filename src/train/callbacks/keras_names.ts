/**
 * The callbacks under their Keras names, as the `callbacks` namespace (`callbacks.ReduceLROnPlateau`
 * like keras.callbacks.ReduceLROnPlateau; the bare name is optim's scheduler).
 */
export {
  Callback, EarlyStopping, ModelCheckpoint, LearningRateScheduler, CSVLogger, JsonlLogger, TerminateOnNaN, ProgressBar,
  ReduceLROnPlateauCallback as ReduceLROnPlateau,
} from './index.js';
export { History } from '../history.js';
