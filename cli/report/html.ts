/**
 * report.html: one self-contained file (no network when opened). The tables and text are rendered
 * here as escaped HTML; the charts and images are canvases that the inlined page script (page_script.ts)
 * draws with the inlined Chart.js UMD build, from the report data embedded as JSON.
 * `writeReport(runDir)` is what `myelin train` and `myelin report` call.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CliError } from '../errors.js';
import { gatherReport, type GatherOptions } from './data.js';
import { PAGE_CSS, PAGE_SCRIPT } from './page_script.js';
import type { ClassificationView, DiagnosticsView, FiltersView, ReportData } from './types.js';

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Script text that cannot end its <script> element early: `</script` and `<!--` are written with
 * an escaped slash or bang, which means the same inside JS strings and regexes.
 */
export function escapeScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a <script type="application/json"> element: '<' and the JS line separators as \u escapes. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Chart.js's UMD build (one file, defines the global `Chart`), from the installed package. */
export function chartJsSource(): string {
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve('chart.js');
  } catch {
    throw new CliError('the chart.js package is not installed (npm install chart.js); the report inlines it');
  }
  return readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8');
}

/** A metric value as the page shows it: accuracies in percent, others to 4 significant digits. */
export function formatValue(metric: string, v: number | null): string {
  if (v === null) return '—';
  if (/accuracy/.test(metric)) return `${(100 * v).toFixed(2)}%`;
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

function cell(metric: string, split: string, v: number | null): string {
  const value = v === null ? '' : ` data-value="${v}"`;
  return `<td data-testid="final-${escapeHtml(metric)}-${split}"${value}>${formatValue(metric, v)}</td>`;
}

function chartCard(title: string, kind: string, key = '', note = '', isTall = false): string {
  const sub = note ? `<p class="note">${escapeHtml(note)}</p>` : '';
  return `<figure class="card"><figcaption>${escapeHtml(title)}</figcaption>${sub}<div class="chart${isTall ? ' tall' : ''}"><canvas data-kind="${kind}" data-key="${escapeHtml(key)}"></canvas></div></figure>`;
}

function headerSection(d: ReportData): string {
  const settings = Object.entries(d.settings).map(([k, v]) => `<span class="chip"><b>${escapeHtml(k)}</b> ${escapeHtml(v)}</span>`).join('');
  return `<header><h1>${escapeHtml(d.title)} <span class="muted">training report</span></h1>
<p>${escapeHtml(d.description)}</p>
<p class="muted">run <code>${escapeHtml(d.runName)}</code> · ${d.history.epochs.length} epoch(s) · generated ${escapeHtml(d.generated.replace('T', ' ').slice(0, 19))} UTC</p>
<div class="chips">${settings}</div></header>`;
}

function summarySection(d: ReportData): string {
  const rows = d.final.map((r) => `<tr><th>${escapeHtml(r.metric)}</th>${cell(r.metric, 'train', r.train)}${cell(r.metric, 'val', r.val)}${cell(r.metric, 'test', r.test)}</tr>`);
  return `<section><h2>Final epoch</h2><table class="final" data-testid="final-table">
<thead><tr><th>metric</th><th>train</th><th>validation</th><th>test</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function curvesSection(d: ReportData): string {
  const cards = d.history.metrics.map((m) => chartCard(m === 'loss' ? 'Loss' : m, 'metric', m, 'train and validation, per epoch'));
  if (d.lr) cards.push(chartCard('Learning rate', 'lr', '', d.lr.note));
  return `<section><h2>Curves</h2><div class="grid">${cards.join('')}</div></section>`;
}

function findingsTable(v: DiagnosticsView): string {
  if (v.findings.length === 0) return '<p data-testid="no-findings">No problems found: no dead or saturated units, vanishing or exploding gradients, too-high learning rate or non-finite values.</p>';
  const rows = v.findings.map(
    (f) =>
      `<tr data-testid="finding" class="${f.severity}"><td><span class="badge ${f.severity}">${f.severity}</span></td><td><code>${escapeHtml(f.code)}</code></td><td>${f.step}</td><td>${escapeHtml(f.layer ?? '')}</td><td>${escapeHtml(f.message)}<div class="advice">${escapeHtml(f.advice)}</div></td></tr>`,
  );
  return `<table class="findings"><thead><tr><th></th><th>finding</th><th>step</th><th>layer</th><th>what and what to try</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function diagnosticsSection(d: ReportData): string {
  const v = d.diagnostics;
  if (!v) {
    const why = d.diagnosticsError ?? 'Diagnostics were off for this run (no diagnostics.json in the run directory).';
    return `<section><h2>Diagnostics</h2><p class="note" data-testid="diagnostics-off">${escapeHtml(why)}</p></section>`;
  }
  const every = `sampled every ${v.every} step(s)`;
  const cards: string[] = [];
  if (v.gradNorm.length) cards.push(chartCard('Gradient norm per layer', 'grad-norm', '', `L2 norm of each layer's parameter gradients (log scale), ${every}`, true));
  if (v.deadFraction.length) cards.push(chartCard('Dead units per layer', 'dead-units', '', `fraction of ReLU units that output 0 for every sample of a ${v.window}-sample window`, true));
  if (v.saturatedFraction.length) cards.push(chartCard('Saturated units per layer', 'saturated', '', `fraction of sigmoid/tanh outputs pinned near their asymptotes, ${every}`, true));
  return `<section><h2>Diagnostics</h2><div class="grid">${cards.join('')}</div><h3>Findings</h3>${findingsTable(v)}</section>`;
}

const CHANNELS: Readonly<Record<FiltersView['channels'], string>> = {
  grey: 'one input channel, in grey',
  rgb: 'three input channels, drawn as RGB',
  mean: 'the mean over the input channels, in grey',
};

/** The first Conv2d's filters as small enlarged images; '' for models without a Conv2d. */
function filtersSection(f: FiltersView | null): string {
  if (!f) return '';
  const [outC, inC, kH, kW] = f.weightShape;
  const name = escapeHtml(f.layer);
  const items = f.filters.map(
    (_, i) => `<figure class="filter" title="layer ${name}, filter ${i}"><canvas data-kind="filter" data-key="${i}"></canvas><figcaption>layer ${name} #${i}</figcaption></figure>`,
  );
  const which = f.filters.length < outC ? `The first ${f.filters.length} of the ${outC} filters` : `The ${outC} filter${outC === 1 ? '' : 's'}`;
  const note = `${which} of layer <code>${name}</code> (Conv2d, ${inC} → ${outC} channels, ${kH}×${kW}; ${CHANNELS[f.channels]}), enlarged. Each is scaled to its own range: black is its most negative weight, white its most positive. They are the patterns the first layer responds to; in a trained CNN they often look like edge, stroke or blob detectors.`;
  return `<section><h2>First-layer filters</h2><p class="note" data-testid="filters-note">${note}</p><div class="filters">${items.join('')}</div></section>`;
}

function samplesGrid(e: ClassificationView): string {
  if (!e.imageShape || e.samples.length === 0) return '';
  const items = e.samples.map(
    (s, i) =>
      `<figure class="sample ${s.isCorrect ? 'right' : 'wrong'}"><canvas data-kind="sample" data-key="${i}"></canvas><figcaption><b>${escapeHtml(s.prediction)}</b> ${(100 * s.confidence).toFixed(1)}%<br><span class="muted">true ${escapeHtml(s.label)} · #${s.index}</span></figcaption></figure>`,
  );
  const shown = e.samples.filter((s) => !s.isCorrect).length;
  const wrong = e.n - e.confusion.reduce((acc, row, i) => acc + row[i]!, 0);
  const which = shown === 0 ? 'No wrong predictions: the least confident correct ones.'
    : shown < wrong ? `The ${shown} most confident of ${wrong} wrong predictions.`
    : `All ${wrong} wrong prediction(s), most confident first, then the least confident correct ones.`;
  return `<h3>Samples, worst mistakes first</h3><p class="note">${which} Left: the input; right: its saliency |∂ logit / ∂ input| for the predicted class (brighter: changing that pixel moves the prediction more).</p><div class="samples">${items.join('')}</div>`;
}

function testSection(d: ReportData): string {
  const e = d.evaluation;
  if (e.kind === 'unavailable') return `<section><h2>Test set</h2><p class="note" data-testid="evaluation-off">${escapeHtml(e.reason)}</p></section>`;
  if (e.kind === 'regression') {
    const scores = `MAE <b data-testid="eval-mae">${formatValue('mae', e.mae)}</b>, RMSE <b>${formatValue('rmse', e.rmse)}</b>, R² <b>${e.r2.toFixed(3)}</b> on ${e.n} test examples (target units)`;
    return `<section><h2>Test set</h2><p>${scores}</p><div class="grid">${chartCard('Predicted vs true', 'regression', '', 'each point a test example; the line is y = x')}</div></section>`;
  }
  const acc = `accuracy <b data-testid="eval-accuracy" data-value="${e.accuracy}">${formatValue('accuracy', e.accuracy)}</b> on the first ${e.n} test examples`;
  const confusion = `<figure class="card wide"><figcaption>Confusion matrix</figcaption><p class="note">rows: true class, columns: predicted; colour: share of the row</p><canvas data-kind="confusion" data-key=""></canvas></figure>`;
  return `<section><h2>Test set</h2><p>${acc}</p>${confusion}${samplesGrid(e)}</section>`;
}

/** The whole page for `d`: styles, tables, canvases, Chart.js, the data and the page script. */
export function renderReport(d: ReportData, chartJs: string = chartJsSource()): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(d.title)}: training report</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style></head>
<body>
${headerSection(d)}
<main>
${summarySection(d)}
${curvesSection(d)}
${diagnosticsSection(d)}
${filtersSection(d.filters)}
${testSection(d)}
</main>
<footer class="muted">Written by <code>myelin report</code>. Charts: Chart.js (MIT), inlined.</footer>
<script type="application/json" id="report-data">${embedJson(d)}</script>
<script>${escapeScript(chartJs)}</script>
<script>${escapeScript(PAGE_SCRIPT)}</script>
</body></html>
`;
}

/**
 * Writes `runDir/report.html` and returns its path.
 * @example writeReport('runs/mnist-cnn') // 'runs/mnist-cnn/report.html'
 */
export function writeReport(runDir: string, options: GatherOptions = {}): string {
  const path = join(runDir, 'report.html');
  writeFileSync(path, renderReport(gatherReport(runDir, options)));
  return path;
}
