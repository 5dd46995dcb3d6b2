/**
 * The training report's data model: everything report.html shows, gathered into one plain-JSON
 * object by data.ts and embedded in the page, where page_script.ts draws it. Nothing here is
 * computed in the browser except layout and colours.
 */

/** One curve: a name and one value per x (null where missing or non-finite). */
export interface Series {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

/** Per-epoch curves from history.json. */
export interface HistoryView {
  /** Epoch numbers as shown (1-based). */
  readonly epochs: readonly number[];
  /** Every key of history.json, as stored (loss, accuracy, val_loss, val_accuracy, lr, …). */
  readonly series: Readonly<Record<string, readonly (number | null)[]>>;
  /** Base metric names with a train and/or a val_ curve, loss first: ['loss', 'accuracy']. */
  readonly metrics: readonly string[];
}

/** The learning rate per epoch: logged by fit (history 'lr') or derived from config.json. */
export interface LrView {
  readonly source: 'history' | 'config';
  /** How the values were obtained, in words. */
  readonly note: string;
  readonly values: readonly (number | null)[];
}

/** One row of the final-epoch table: a metric on the training data, the validation data and the test set. */
export interface FinalRow {
  readonly metric: string;
  readonly train: number | null;
  readonly val: number | null;
  /** model.json's info.test (measured at the end of `myelin train`). */
  readonly test: number | null;
}

/** What diagnostics.json holds, reduced to what the charts need. */
export interface DiagnosticsView {
  /** Sampled optimizer steps (x axis), at most ~400 of them (evenly thinned). */
  readonly steps: readonly number[];
  /** Batch loss at each sampled step. */
  readonly loss: readonly (number | null)[];
  /** Gradient L2 norm per layer with parameters, named 'layer 3 fc2 (Linear)' (the name left out when it is the index). */
  readonly gradNorm: readonly Series[];
  /** Fraction of dead units per ReLU-family layer. */
  readonly deadFraction: readonly Series[];
  /** Fraction of saturated outputs per sigmoid/tanh layer. */
  readonly saturatedFraction: readonly Series[];
  readonly findings: readonly FindingView[];
  /** Steps between samples, and the dead-unit window, as recorded. */
  readonly every: number;
  readonly window: number;
}

export interface FindingView {
  readonly code: string;
  readonly severity: 'warning' | 'error';
  readonly step: number;
  readonly layer: string | null;
  readonly message: string;
  readonly advice: string;
}

/** One test example of the sample grid. Pixels are base64 bytes, row-major (C, H, W). */
export interface SampleView {
  /** Index in the test split. */
  readonly index: number;
  readonly label: string;
  readonly prediction: string;
  readonly isCorrect: boolean;
  /** Softmax probability of the predicted class. */
  readonly confidence: number;
  /** The raw input scaled to 0–255 (C×H×W bytes). */
  readonly pixels: string;
  /** |∂ logit_pred / ∂ x|, max over channels, scaled per sample to 0–255 (H×W bytes). */
  readonly saliency: string;
}

export interface ClassificationView {
  readonly kind: 'classification';
  /** Test examples used. */
  readonly n: number;
  readonly classes: readonly string[];
  /** counts[true][predicted]. */
  readonly confusion: readonly (readonly number[])[];
  readonly accuracy: number;
  /** Image inputs: (C, H, W) of one sample; null for tabular data (no sample grid). */
  readonly imageShape: readonly [number, number, number] | null;
  /** Wrong predictions by falling confidence, then the least confident correct ones. */
  readonly samples: readonly SampleView[];
}

export interface RegressionView {
  readonly kind: 'regression';
  readonly n: number;
  /** [true, predicted] in the target's units, at most 2,000 points. */
  readonly points: readonly (readonly [number, number])[];
  readonly mae: number;
  readonly rmse: number;
  readonly r2: number;
}

/** The first Conv2d's filters (cli/report/filters.ts), each drawn as a small image. */
export interface FiltersView {
  /** The layer's name in model.namedModules() ('0' for the first layer of a Sequential). */
  readonly layer: string;
  /** The weight's shape (outC, inC, kH, kW). */
  readonly weightShape: readonly [number, number, number, number];
  /** How input channels are drawn: inC 1 grey, inC 3 RGB, any other inC their mean, in grey. */
  readonly channels: 'grey' | 'rgb' | 'mean';
  /**
   * One entry per filter shown (the first MAX_FILTERS): convFilters' [0, 1] values as bytes
   * round(255·v), base64, row-major (C, kH, kW) with C 3 for 'rgb', else 1.
   */
  readonly filters: readonly string[];
}

/** Why there is no test-set section (no saved model, unknown data, a load failure). */
export interface UnavailableView {
  readonly kind: 'unavailable';
  readonly reason: string;
}

export type EvaluationView = ClassificationView | RegressionView | UnavailableView;

/** The whole report. */
export interface ReportData {
  readonly title: string;
  readonly description: string;
  /** ISO time the report was generated. */
  readonly generated: string;
  /** The run directory's name (not its full path, so reports can be shared). */
  readonly runName: string;
  /** Settings worth showing from config.json: optimizer, lr, batch size, epochs, seed, schedule. */
  readonly settings: Readonly<Record<string, string>>;
  readonly task: 'classification' | 'regression';
  readonly history: HistoryView;
  readonly lr: LrView | null;
  readonly final: readonly FinalRow[];
  /** null when diagnostics.json is absent: the page says diagnostics were off. */
  readonly diagnostics: DiagnosticsView | null;
  /** Set when diagnostics.json exists but could not be read. */
  readonly diagnosticsError: string | null;
  readonly evaluation: EvaluationView;
  /** The first Conv2d's filters; null for models without one, or when the model was not loaded. */
  readonly filters: FiltersView | null;
}
