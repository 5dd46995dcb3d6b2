/**
 * Gathers everything the training report shows from a run directory written by `myelin train`
 * (history.json, config.json, model.json, diagnostics.json, the saved model run on the test
 * split, and its first-layer conv filters) into one JSON-able ReportData. Only history.json is required; every other part degrades
 * to a note in the page. Rendering is html.ts; drawing is page_script.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CliError, firstLine } from '../errors.js';
import { diagnosticsView } from './diagnostics.js';
import { evaluateRun, type EvaluationOptions } from './evaluate.js';
import { runFilters } from './filters.js';
import type { DiagnosticsView, EvaluationView, FinalRow, HistoryView, LrView, ReportData } from './types.js';

export interface GatherOptions extends EvaluationOptions {
  /** Load the saved model: run it on the test split and draw its first-layer filters (default true); false leaves both out. */
  evaluate?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`'${path}' is not valid JSON (${firstLine(e)})`);
  }
}

/** An optional JSON object file: {} when absent or not an object. */
function readOptional(path: string): Json {
  if (!existsSync(path)) return {};
  const v = readJson(path);
  return isObject(v) ? v : {};
}

/** history.json (Keras layout: { epoch: [..], history: { loss: [..], … } }) as curves. */
export function historyView(raw: unknown, path = 'history.json'): HistoryView {
  if (!isObject(raw) || !isObject(raw['history'])) throw new CliError(`'${path}' must hold { "epoch": [...], "history": { "loss": [...], ... } }`);
  const series: Record<string, (number | null)[]> = {};
  let length = Array.isArray(raw['epoch']) ? raw['epoch'].length : 0;
  for (const [k, v] of Object.entries(raw['history'])) {
    if (!Array.isArray(v)) throw new CliError(`'${path}': history.${k} must be an array`);
    series[k] = v.map(finiteOrNull);
    length = Math.max(length, v.length);
  }
  const epochs = Array.from({ length }, (_, i) => {
    const e = Array.isArray(raw['epoch']) ? raw['epoch'][i] : undefined;
    return (typeof e === 'number' ? e : i) + 1;
  });
  const bases = new Set(Object.keys(series).filter((k) => k !== 'lr').map((k) => k.replace(/^val_/, '')));
  const metrics = [...bases].sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
  return { epochs, series, metrics };
}

/** The learning rate per epoch: history's 'lr' if fit logged it, else what config.json implies. */
export function lrView(history: HistoryView, config: Json): LrView | null {
  const logged = history.series['lr'];
  if (logged) return { source: 'history', note: 'logged by fit at the end of each epoch', values: logged };
  const lr = finiteOrNull(config['lr']);
  if (lr === null) return null;
  if (config['schedule'] !== 'cosine') return { source: 'config', note: 'constant (config.json)', values: history.epochs.map(() => lr) };
  const total = finiteOrNull(config['epochs']) ?? history.epochs.length;
  // NOTE: CosineAnnealingLR per batch over the whole run, read at each epoch's end: lr·(1 + cos(π·e/E))/2.
  const values = history.epochs.map((e) => (lr * (1 + Math.cos((Math.PI * Math.min(e, total)) / total))) / 2);
  return { source: 'config', note: 'cosine decay from config.json, value at the end of each epoch', values };
}

/** One row per metric: its last training and validation values, and model.json's test value. */
export function finalRows(history: HistoryView, test: Json): FinalRow[] {
  const last = (k: string): number | null => history.series[k]?.at(-1) ?? null;
  return history.metrics.map((m) => ({ metric: m, train: last(m), val: last(`val_${m}`), test: finiteOrNull(test[m]) }));
}

function readDiagnostics(runDir: string): { view: DiagnosticsView | null; error: string | null } {
  const path = join(runDir, 'diagnostics.json');
  if (!existsSync(path)) return { view: null, error: null };
  try {
    return { view: diagnosticsView(JSON.parse(readFileSync(path, 'utf8'))), error: null };
  } catch (e) {
    return { view: null, error: `diagnostics.json could not be read: ${firstLine(e)}` };
  }
}

const SETTINGS: readonly [string, string][] = [
  ['optimizer', 'optimizer'], ['lr', 'learning rate'], ['schedule', 'schedule'], ['batchSize', 'batch size'],
  ['epochs', 'epochs'], ['seed', 'seed'], ['loss', 'loss'],
];

/**
 * Everything report.html shows for `runDir`.
 * @throws CliError when runDir holds no readable history.json.
 */
export function gatherReport(runDir: string, options: GatherOptions = {}): ReportData {
  const historyPath = join(runDir, 'history.json');
  if (!existsSync(historyPath)) throw new CliError(`'${runDir}' holds no history.json (is it a directory written by myelin train?)`);
  const history = historyView(readJson(historyPath), historyPath);
  const config = readOptional(join(runDir, 'config.json'));
  const model = readOptional(join(runDir, 'model.json'));
  const info = isObject(model['info']) ? model['info'] : {};
  const settings: Record<string, string> = {};
  for (const [key, label] of SETTINGS) if (config[key] !== undefined) settings[label] = String(config[key]);
  if (isObject(config['data']) && typeof config['data']['kind'] === 'string') settings['data'] = config['data']['kind'];
  const diagnostics = readDiagnostics(runDir);
  const evaluation: EvaluationView = options.evaluate === false ? { kind: 'unavailable', reason: 'the test-set evaluation was skipped' } : evaluateRun(runDir, options);
  const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);
  return {
    title: str(info['name'], str(config['name'], basename(resolve(runDir)))),
    description: str(info['description'], str(config['description'], '')),
    generated: new Date().toISOString(),
    runName: basename(resolve(runDir)),
    settings,
    task: info['task'] === 'regression' ? 'regression' : 'classification',
    history,
    lr: lrView(history, config),
    final: finalRows(history, isObject(info['test']) ? info['test'] : {}),
    diagnostics: diagnostics.view,
    diagnosticsError: diagnostics.error,
    evaluation,
    filters: options.evaluate === false ? null : runFilters(runDir),
  };
}
