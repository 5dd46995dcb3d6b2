/**
 * The diagnostics data model, shared by the monitor (what it records), the findings rules (what
 * they read), the `Diagnostics` fit callback, the CLI (which prints findings and writes
 * `diagnostics.json`) and the HTML training report (which charts it). Everything here is plain
 * JSON, so `DiagnosticsReport` round-trips through `JSON.stringify`/`JSON.parse` unchanged.
 */

/**
 * Stable codes for findings, so programs can act on them:
 * - `DEAD_UNITS`: ReLU-family units that output 0 for every sample of the window.
 * - `SATURATED`: sigmoid/tanh outputs pinned near their asymptotes (|tanh| > 0.99, sigmoid < 0.01 or > 0.99).
 * - `VANISHING_GRADIENT`: gradient norms falling by orders of magnitude from the last layer to the first.
 * - `EXPLODING_GRADIENT`: gradient norms huge or growing by orders of magnitude over recent steps.
 * - `LR_TOO_HIGH`: update-to-weight ratio far above ~1e-3, often with the loss rising.
 * - `NON_FINITE`: NaN or Inf in the loss, activations, gradients or weights.
 */
export type FindingCode = 'DEAD_UNITS' | 'SATURATED' | 'VANISHING_GRADIENT' | 'EXPLODING_GRADIENT' | 'LR_TOO_HIGH' | 'NON_FINITE';

/** One problem found, in plain words with the numbers behind it and what to try. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: 'warning' | 'error';
  /** Optimizer step (0-based, over the whole run) at which it was first seen. */
  readonly step: number;
  /** Dotted module name ('fc2', 'features.3'), when the finding is about one layer. */
  readonly layer?: string;
  /** The layer's position in `namedModules()` after the model itself (0-based), as in `summary`. */
  readonly layerIndex?: number;
  /** The whole sentence: "layer 3 'fc2' (ReLU): 61% of units have output 0 for every sample of the last 2000 — dead ReLUs". */
  readonly message: string;
  /** What to try: "try a lower learning rate, He initialisation or LeakyReLU". */
  readonly advice: string;
  /** The numbers the message quotes, by name (e.g. { deadFraction: 0.61, window: 2000 }). */
  readonly values: Readonly<Record<string, number>>;
}

/** A watched layer: every module with parameters, and every activation module. */
export interface LayerInfo {
  /** Dotted name from `namedModules()`. */
  readonly name: string;
  /** Position in `namedModules()` after the model itself (0-based). */
  readonly index: number;
  /** Class name: 'Linear', 'ReLU', 'Conv2d', 'Sigmoid', … */
  readonly type: string;
  /** 'relu' for the ReLU family (ReLU, LeakyReLU, ELU, …, where "dead" means never positive), 'sigmoid' / 'tanh' for saturating ones, 'other' otherwise. */
  readonly activation: 'relu' | 'sigmoid' | 'tanh' | 'other';
  /** True when the module owns parameters (gradient, weight and update statistics apply). */
  readonly hasParameters: boolean;
}

/**
 * What was measured for one layer at one sampled step. A field is null where it does not apply
 * (no parameters, not an activation) or could not be computed (non-finite values).
 */
export interface LayerStats {
  /** Mean and standard deviation of the layer's output over the batch. */
  readonly actMean: number | null;
  readonly actStd: number | null;
  /** ReLU family: fraction of units (features/channels) with output <= 0 for every sample of the window. */
  readonly deadFraction: number | null;
  /** sigmoid/tanh: fraction of outputs in saturation this step. */
  readonly saturatedFraction: number | null;
  /** L2 norm of the gradient of all the layer's parameters together. */
  readonly gradNorm: number | null;
  /** L2 norm of all the layer's parameters together. */
  readonly weightNorm: number | null;
  /** ‖W_after − W_before‖ / ‖W_before‖ for this optimizer step. */
  readonly updateRatio: number | null;
}

/** One sampled step: the loss and every watched layer's numbers (same order as `layers`). */
export interface StepRecord {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number | null;
  readonly layers: readonly LayerStats[];
}

/** Everything a run's diagnostics hold; what `diagnostics.json` contains and the report draws. */
export interface DiagnosticsReport {
  readonly version: 1;
  /** Steps between samples (1 = every step). */
  readonly every: number;
  /** Samples in the dead-unit window. */
  readonly window: number;
  readonly layers: readonly LayerInfo[];
  readonly steps: readonly StepRecord[];
  /** Each finding once, in the order found. */
  readonly findings: readonly Finding[];
}
