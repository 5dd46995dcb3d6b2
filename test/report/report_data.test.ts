/**
 * The training report's data gathering and HTML, without a browser: what gatherReport reads from
 * a real (tiny) run directory, the pieces computed by hand (lr from config, diagnostics thinning,
 * worst-first ordering), and the self-containment and escaping of report.html.
 * Needs the built CLI (npm run build): cli/report imports the library as 'myelin' (dist/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherReport, historyView, lrView } from '../../cli/report/data.js';
import { diagnosticsView, thin } from '../../cli/report/diagnostics.js';
import { imageShape, worstFirst } from '../../cli/report/evaluate.js';
import { embedJson, escapeScript, renderReport, writeReport } from '../../cli/report/html.js';
import { PAGE_SCRIPT } from '../../cli/report/page_script.js';
import { firstConv2d, filtersView } from '../../cli/report/filters.js';
import { Conv2d, convFilters, Flatten, Linear, loadSafetensors, ReLU, Sequential } from 'myelin';
import { diagnosticsFixture, makeCnnRun, makeMnistRun, makeRegressionRun, myelin } from './run_fixture.js';

const TMP = mkdtempSync(join(tmpdir(), 'myelin-report-data-'));
process.on('exit', () => rmSync(TMP, { recursive: true, force: true }));
const RUN = makeMnistRun(TMP);

test('gatherReport: history, final rows, settings, diagnostics and the test-set section of a real run', () => {
  const h = JSON.parse(readFileSync(join(RUN, 'history.json'), 'utf8')) as { epoch: number[]; history: Record<string, number[]> };
  const info = (JSON.parse(readFileSync(join(RUN, 'model.json'), 'utf8')) as { info: { test: Record<string, number> } }).info;
  const d = gatherReport(RUN, { maxExamples: 300, gridSize: 12 });
  assert.equal(d.title, 'mnist-mlp');
  assert.deepEqual(d.history.epochs, [1, 2]);
  assert.deepEqual(d.history.metrics, ['loss', 'accuracy']);
  assert.deepEqual(d.history.series['val_loss'], h.history['val_loss']);
  for (const row of d.final) {
    assert.equal(row.train, h.history[row.metric]!.at(-1));
    assert.equal(row.val, h.history[`val_${row.metric}`]!.at(-1));
    assert.equal(row.test, info.test[row.metric]);
  }
  assert.equal(d.settings['optimizer'], 'adam');
  assert.deepEqual(d.lr, { source: 'config', note: 'constant (config.json)', values: [0.001, 0.001] });

  const diag = d.diagnostics!;
  assert.deepEqual(diag.steps, Array.from({ length: 16 }, (_, i) => i));
  assert.deepEqual(diag.gradNorm.map((s) => s.name), ['layer 1 (Linear)', 'layer 3 (Linear)', 'layer 5 (Linear)']);
  assert.deepEqual(diag.deadFraction.map((s) => s.name), ['layer 2 (ReLU)', 'layer 4 (ReLU)']);
  assert.equal(diag.gradNorm[0]!.values[5], null);
  assert.deepEqual(diag.findings.map((f) => [f.code, f.severity, f.layer]), [['DEAD_UNITS', 'warning', '4'], ['LR_TOO_HIGH', 'error', null]]);

  const e = d.evaluation;
  assert.equal(e.kind, 'classification');
  if (e.kind !== 'classification') return;
  assert.equal(e.n, 300);
  assert.deepEqual(e.imageShape, [1, 28, 28]);
  const total = e.confusion.flat().reduce((a, b) => a + b, 0);
  assert.equal(total, 300);
  assert.ok(Math.abs(e.accuracy - e.confusion.reduce((a, r, i) => a + r[i]!, 0) / 300) < 1e-12);
  assert.equal(e.samples.length, 12);
  const firstRight = e.samples.findIndex((s) => s.isCorrect);
  for (let i = 1; i < e.samples.length; i++) {
    const [a, b] = [e.samples[i - 1]!, e.samples[i]!];
    if (!a.isCorrect && !b.isCorrect) assert.ok(a.confidence >= b.confidence, 'wrong ones by falling confidence');
    if (a.isCorrect && b.isCorrect) assert.ok(a.confidence <= b.confidence, 'right ones by rising confidence');
  }
  if (firstRight >= 0) assert.ok(e.samples.slice(firstRight).every((s) => s.isCorrect), 'mistakes first');
  const s0 = e.samples[0]!;
  assert.equal(Buffer.from(s0.pixels, 'base64').length, 784);
  const sal = Buffer.from(s0.saliency, 'base64');
  assert.equal(sal.length, 784);
  assert.equal(Math.max(...sal), 255, 'saliency is scaled per sample');
  assert.equal(d.filters, null, 'an MLP has no conv filters');
  assert.doesNotMatch(renderReport(d, ''), /First-layer filters|data-kind="filter"/);
});

/** Decoded filter bytes as [0, 1] values. */
const unbyte = (b64: string): number[] => [...Buffer.from(b64, 'base64')].map((b) => b / 255);

/** Asserts `got` (bytes / 255) equals `want` to within the byte rounding. */
function assertBytesMatch(got: number[], want: ArrayLike<number>, what: string): void {
  assert.equal(got.length, want.length, what);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= 0.5 / 255 + 1e-6, `${what}[${i}]: ${v} vs ${want[i]}`));
}

test('a CNN run: the first Conv2d\'s filters match convFilters of the saved weights', () => {
  const run = makeCnnRun(TMP);
  const d = gatherReport(run, { maxExamples: 100, gridSize: 4 });
  const f = d.filters!;
  assert.ok(f, 'a CNN run has filters');
  assert.equal(f.layer, '0');
  assert.deepEqual(f.weightShape, [4, 1, 5, 5]);
  assert.equal(f.channels, 'grey');
  assert.equal(f.filters.length, 4);
  const want = convFilters(loadSafetensors(join(run, 'model.safetensors')).tensors.get('0.weight')!).toTypedArray();
  f.filters.forEach((b64, i) => {
    const v = unbyte(b64);
    assert.ok(v.every((x) => x >= 0 && x <= 1), `filter ${i} in [0, 1]`);
    assert.deepEqual([Math.min(...v), Math.max(...v)], [0, 1], `filter ${i} is scaled to its own range`);
    assertBytesMatch(v, want.subarray(i * 25, (i + 1) * 25), `filter ${i}`);
  });
  const html = renderReport(d, '');
  assert.match(html, /<h2>First-layer filters<\/h2>/);
  assert.match(html, /The 4 filters of layer <code>0<\/code> \(Conv2d, 1 → 4 channels, 5×5; one input channel, in grey\)/);
  assert.equal(html.match(/data-kind="filter"/g)!.length, 4);
  assert.equal(gatherReport(run, { evaluate: false }).filters, null, '--no-eval does not load the model');
});

test('filtersView: RGB for three input channels, the channel mean otherwise, the first Conv2d, at most maxFilters', () => {
  const rgb = new Sequential(new Conv2d(3, 2, 3), new ReLU(), new Conv2d(2, 5, 3));
  assert.equal(firstConv2d(rgb)?.name, '0');
  const a = filtersView(rgb)!;
  assert.deepEqual([a.layer, a.weightShape, a.channels, a.filters.length], ['0', [2, 3, 3, 3], 'rgb', 2]);
  const wantRgb = convFilters(rgb.get('0') as Conv2d).toTypedArray();
  a.filters.forEach((b64, i) => assertBytesMatch(unbyte(b64), wantRgb.subarray(i * 27, (i + 1) * 27), `rgb ${i}`));

  const two = new Sequential(new Flatten(), new Sequential(new Conv2d(2, 6, 2)), new Conv2d(6, 1, 1));
  const b = filtersView(two, 4)!;
  assert.deepEqual([b.layer, b.weightShape, b.channels, b.filters.length], ['1.0', [6, 2, 2, 2], 'mean', 4]);
  const s = convFilters(firstConv2d(two)!.module).toTypedArray();
  const mean = (f: number): number[] => [0, 1, 2, 3].map((p) => (s[f * 8 + p]! + s[f * 8 + 4 + p]!) / 2);
  b.filters.forEach((b64, i) => assertBytesMatch(unbyte(b64), mean(i), `mean ${i}`));
  assert.equal(filtersView(new Sequential(new Linear(2, 2))), null);
});

test('gatherReport without diagnostics.json, with a broken one, and without a model', () => {
  const dir = join(TMP, 'bare');
  myelin(TMP, 'train', 'xor', '--epochs', '2', '--no-progress', '--out', 'bare');
  rmSync(join(dir, 'diagnostics.json'), { force: true });
  let d = gatherReport(dir);
  assert.equal(d.diagnostics, null);
  assert.equal(d.diagnosticsError, null);
  assert.match(renderReport(d, ''), /Diagnostics were off for this run/);
  assert.equal(d.evaluation.kind, 'classification');
  if (d.evaluation.kind === 'classification') assert.equal(d.evaluation.imageShape, null);

  writeFileSync(join(dir, 'diagnostics.json'), '{"layers": 3}');
  d = gatherReport(dir, { evaluate: false });
  assert.match(d.diagnosticsError!, /"layers" must be an array/);
  assert.equal(d.evaluation.kind, 'unavailable');
  rmSync(join(dir, 'model.safetensors'));
  assert.match(JSON.stringify(gatherReport(dir).evaluation), /no saved model/);
  assert.throws(() => gatherReport(join(TMP, 'nothing')), /holds no history.json/);
});

test('a regression run gets a predicted-vs-true scatter and scores in target units', () => {
  const d = gatherReport(makeRegressionRun(TMP));
  assert.equal(d.task, 'regression');
  assert.deepEqual(d.history.metrics, ['loss', 'mae']);
  const e = d.evaluation;
  assert.equal(e.kind, 'regression', JSON.stringify(e));
  if (e.kind !== 'regression') return;
  assert.equal(e.n, 40);
  assert.equal(e.points.length, 40);
  assert.ok(e.r2 > 0.5 && e.rmse > 0, `r2 ${e.r2}`);
});

test('historyView, lrView: Keras layout, cosine lr from config, bad files', () => {
  const h = historyView({ epoch: [0, 1, 2, 3], history: { val_acc: [0.5, 0.6, 0.7, 0.8], loss: [3, 2, 1, NaN], acc: [0.4, 0.5, 0.6, 0.7] } });
  assert.deepEqual(h.metrics, ['loss', 'acc']);
  assert.deepEqual(h.series['loss'], [3, 2, 1, null]);
  const lr = lrView(h, { lr: 0.1, schedule: 'cosine', epochs: 4 })!;
  const want = [1, 2, 3, 4].map((e) => 0.05 * (1 + Math.cos((Math.PI * e) / 4)));
  lr.values.forEach((v, i) => assert.ok(Math.abs(v! - want[i]!) < 1e-15));
  assert.equal(lr.values.at(-1)! < 1e-12, true);
  assert.deepEqual(lrView(historyView({ epoch: [0], history: { loss: [1], lr: [0.3] } }), { lr: 9 })?.values, [0.3]);
  assert.equal(lrView(h, {}), null);
  assert.throws(() => historyView({ epoch: [0] }), /must hold/);
  assert.throws(() => historyView({ history: { loss: 3 } }), /history.loss must be an array/);
});

test('diagnosticsView thins long runs to at most 400 points, keeping the last step', () => {
  assert.deepEqual(thin([0, 1, 2, 3, 4, 5, 6], 3), [0, 3, 6]);
  assert.deepEqual(thin([0, 1, 2, 3, 4, 5, 6, 7], 3), [0, 3, 6, 7]);
  const v = diagnosticsView(diagnosticsFixture(1001));
  assert.ok(v.steps.length <= 401 && v.steps.length > 300, String(v.steps.length));
  assert.equal(v.steps.at(-1), 1000);
  assert.throws(() => diagnosticsView({ layers: [], steps: [{ step: 'x' }] }), /steps\[0\]/);
  const tanh = diagnosticsView({ layers: [{ name: 'act', index: 1, type: 'Tanh', activation: 'tanh' }], steps: [{ step: 0, layers: [{ saturatedFraction: 0.25 }] }] });
  assert.deepEqual(tanh.saturatedFraction, [{ name: 'layer 1 act (Tanh)', values: [0.25] }]);
  assert.deepEqual([tanh.gradNorm, tanh.deadFraction, tanh.findings], [[], [], []]);
});

test('worstFirst and imageShape', () => {
  //        0    1    2    3    4
  const pred = [1, 0, 2, 2, 1];
  const label = [1, 1, 2, 0, 1];
  const conf = [0.9, 0.6, 0.5, 0.8, 0.7];
  assert.deepEqual(worstFirst(pred, conf, label, 4), [3, 1, 2, 4]);
  assert.deepEqual(imageShape([1, 28, 28]), [1, 28, 28]);
  assert.deepEqual(imageShape([32, 32]), [1, 32, 32]);
  assert.deepEqual(imageShape([3, 8, 8]), [3, 8, 8]);
  assert.equal(imageShape([13]), null);
});

test('report.html is self-contained and its embedded text cannot close a script early', () => {
  const html = readFileSync(writeReport(RUN, { maxExamples: 200, gridSize: 8 }), 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=/i);
  assert.doesNotMatch(html, /<link[^>]+href="?(https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\(\s*['"]?https?:/i);
  assert.match(html, /Chart\.js v4/);
  // Only our three <script> elements open and close; the finding's '</script>' is escaped everywhere.
  assert.equal(html.match(/<script/gi)!.length, 3);
  assert.equal(html.match(/<\/script>/gi)!.length, 3);
  assert.match(html, /&lt;\/script&gt;&lt;b&gt;dead&lt;\/b&gt;/);
  assert.equal(escapeScript('a("</script>")<!--'), 'a("<\\/script>")<\\!--');
  const json = embedJson({ s: '</script>\u2028' });
  assert.doesNotMatch(json, /<|\u2028/);
  assert.deepEqual(JSON.parse(json), { s: '</script>\u2028' });
  assert.doesNotMatch(PAGE_SCRIPT, /\$\{|`/);
});
