/** diagnostics: training diagnostics (the monitor, its rules, the fit callback) and the shared data model. */
export type { FindingCode, Finding, LayerInfo, LayerStats, StepRecord, DiagnosticsReport } from './types.js';
export { DiagnosticsMonitor, type DiagnosticsOptions, type DiagnosticsState } from './monitor.js';
export { Diagnostics } from './callback.js';
export {
  runRules, newFindings, findingKey, type RuleInput, type NonFiniteEvent, type NonFiniteWhere,
  DEAD_FRACTION, SATURATED_FRACTION, VANISHING_RATIO, EXPLODING_GROWTH, EXPLODING_MIN_NORM, EXPLODING_NORM,
  UPDATE_RATIO_TYPICAL, UPDATE_RATIO_HIGH, UPDATE_RATIO_SEVERE, LOSS_RISE, LOOKBACK, MIN_SAMPLES,
} from './rules.js';

// ---- anomaly mode (src/diagnostics/anomaly.ts, another engineer): its exports go below this line ----
export { AnomalyError, detectAnomaly, isAnomalyEnabled, setDetectAnomaly, type AnomalyDetails, type AnomalyOptions, type ValueRange } from './anomaly.js';
