/**
 * The report page's own CSS and script, inlined into report.html by html.ts. The script is plain
 * browser JavaScript kept as a string (the CLI compiles without DOM types): it reads the embedded
 * report data and draws every <canvas data-kind=…>: Chart.js line/scatter charts for curves and
 * diagnostics, and hand-drawn canvases for the confusion matrix, the sample images and the
 * first-layer filters.
 * It is written without backticks or dollar-brace so it can live in this template literal.
 */

export const PAGE_CSS = String.raw`
:root { --fg: #1d2430; --muted: #667085; --line: #e4e7ec; --bg: #f6f7f9; --card: #fff; --bad: #c0392b; --good: #1e7b45; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 26px 0 10px; } h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 4px 0; } .muted { color: var(--muted); font-weight: normal; } .note { color: var(--muted); font-size: 12.5px; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.chip { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; font-size: 12.5px; }
table { border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.final td { text-align: right; font-variant-numeric: tabular-nums; min-width: 90px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 0; }
.card.wide { display: inline-block; }
figcaption { font-weight: 600; }
.chart { position: relative; height: 230px; } .chart.tall { height: 300px; }
.findings { width: 100%; } .advice { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
.badge { border-radius: 4px; padding: 1px 6px; font-size: 11.5px; color: #fff; background: #b7791f; }
.badge.error { background: var(--bad); }
.samples { display: flex; flex-wrap: wrap; gap: 8px; }
.sample { margin: 0; background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--good); border-radius: 6px; padding: 6px; font-size: 12px; text-align: center; }
.sample.wrong { border-left-color: var(--bad); }
.sample.wrong b { color: var(--bad); }
.filters { display: flex; flex-wrap: wrap; gap: 6px; }
.filter { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 5px; font-size: 11px; text-align: center; color: var(--muted); }
.filter figcaption { font-weight: normal; margin-top: 2px; }
.filter canvas { display: block; border: 1px solid var(--line); }
footer { padding: 24px 20px 30px; font-size: 12px; }
`;

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var PALETTE = ['#2f6fdb', '#e8710a', '#1e9e5a', '#d93025', '#8e44ad', '#8c564b', '#d6379b', '#5f6368', '#a3a000', '#12a4b8'];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475467';

  function positiveOrNull(v) { return typeof v === 'number' && v > 0 ? v : null; }

  function lineChart(canvas, labels, datasets, options) {
    var sets = datasets.map(function (d, i) {
      var color = d.color || PALETTE[i % PALETTE.length];
      return { label: d.label, data: d.data, borderColor: color, backgroundColor: color, borderDash: d.dash || [],
        pointRadius: labels.length > 40 ? 0 : 2.5, borderWidth: 1.8, spanGaps: true, tension: 0 };
    });
    var y = Object.assign({ title: { display: !!options.yTitle, text: options.yTitle || '' } }, options.y || {});
    return new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: sets },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: sets.length > 1, labels: { usePointStyle: true, pointStyle: 'line', boxWidth: 22, font: { size: 11 } } } },
        scales: { x: { title: { display: true, text: options.xTitle } }, y: y }
      }
    });
  }

  function metricChart(canvas, key) {
    var s = DATA.history.series;
    var sets = [];
    if (s[key]) sets.push({ label: 'train', data: s[key], color: PALETTE[0] });
    if (s['val_' + key]) sets.push({ label: 'validation', data: s['val_' + key], color: PALETTE[1], dash: [5, 3] });
    lineChart(canvas, DATA.history.epochs, sets, { xTitle: 'epoch', yTitle: key });
  }

  function lrChart(canvas) {
    lineChart(canvas, DATA.history.epochs, [{ label: 'learning rate', data: DATA.lr.values, color: PALETTE[2] }], { xTitle: 'epoch', yTitle: 'lr' });
  }

  function layerChart(canvas, series, transform, y) {
    var sets = series.map(function (s) { return { label: s.name, data: s.values.map(transform) }; });
    lineChart(canvas, DATA.diagnostics.steps, sets, { xTitle: 'step', y: y });
  }

  function regressionChart(canvas) {
    var e = DATA.evaluation;
    var pts = e.points.map(function (p) { return { x: p[0], y: p[1] }; });
    var lo = Math.min.apply(null, e.points.map(function (p) { return Math.min(p[0], p[1]); }));
    var hi = Math.max.apply(null, e.points.map(function (p) { return Math.max(p[0], p[1]); }));
    new Chart(canvas, {
      type: 'scatter',
      data: { datasets: [
        { label: 'test examples', data: pts, backgroundColor: 'rgba(47,111,219,0.55)', pointRadius: 2.5 },
        { label: 'y = x', type: 'line', data: [{ x: lo, y: lo }, { x: hi, y: hi }], borderColor: '#98a2b3', borderDash: [4, 4], pointRadius: 0 }
      ] },
      options: { scales: { x: { title: { display: true, text: 'true' } }, y: { title: { display: true, text: 'predicted' } } } }
    });
  }

  /** Sizes a canvas to css pixels at the screen's resolution; returns its 2-d context in css units. */
  function setup(canvas, w, h) {
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    canvas.style.width = w + 'px'; canvas.style.height = h + 'px';
    var ctx = canvas.getContext('2d');
    ctx.scale(dpr, dpr);
    return ctx;
  }

  function confusionChart(canvas) {
    var e = DATA.evaluation, k = e.classes.length, cellSize = k > 20 ? 18 : 38, left = 70, top = 34;
    var ctx = setup(canvas, left + k * cellSize + 10, top + k * cellSize + 10);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.font = '11px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    for (var t = 0; t < k; t++) {
      var row = e.confusion[t], total = row.reduce(function (a, b) { return a + b; }, 0) || 1;
      for (var p = 0; p < k; p++) {
        var share = row[p] / total, x = left + p * cellSize, y = top + t * cellSize;
        var alpha = row[p] === 0 ? 0 : 0.08 + 0.92 * share;
        ctx.fillStyle = t === p ? 'rgba(30,110,220,' + alpha + ')' : 'rgba(217,48,37,' + Math.min(1, alpha * 2.5) + ')';
        ctx.fillRect(x, y, cellSize - 1, cellSize - 1);
        ctx.strokeStyle = '#eef0f3'; ctx.strokeRect(x, y, cellSize - 1, cellSize - 1);
        if (row[p] > 0 && cellSize >= 30) {
          ctx.fillStyle = share > 0.5 ? '#fff' : '#1d2430';
          ctx.fillText(String(row[p]), x + cellSize / 2, y + cellSize / 2);
        }
      }
      ctx.fillStyle = '#1d2430'; ctx.textAlign = 'right';
      ctx.fillText(e.classes[t], left - 6, top + t * cellSize + cellSize / 2);
      ctx.textAlign = 'center';
      ctx.fillText(e.classes[t], left + t * cellSize + cellSize / 2, top - 8);
    }
    ctx.fillStyle = '#667085';
    ctx.fillText('predicted', left + (k * cellSize) / 2, 10);
    ctx.save(); ctx.translate(14, top + (k * cellSize) / 2); ctx.rotate(-Math.PI / 2); ctx.fillText('true', 0, 0); ctx.restore();
  }

  function decode(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }

  /** The input (left) and the input dimmed under a hot-coloured saliency map (right). */
  function sampleChart(canvas, key) {
    var e = DATA.evaluation, s = e.samples[Number(key)], C = e.imageShape[0], H = e.imageShape[1], W = e.imageShape[2];
    var px = decode(s.pixels), sal = decode(s.saliency), scale = Math.max(1, Math.floor(84 / Math.max(H, W)));
    var img = new ImageData(W, H), over = new ImageData(W, H);
    for (var i = 0; i < H * W; i++) {
      var r = px[i], g = C === 3 ? px[H * W + i] : r, b = C === 3 ? px[2 * H * W + i] : r, a = sal[i] / 255;
      img.data.set([r, g, b, 255], 4 * i);
      var heat = [255, Math.round(255 * Math.max(0, a * 2 - 1)), Math.round(255 * Math.max(0, a * 3 - 2))];
      over.data.set([0.35 * r * (1 - a) + heat[0] * a, 0.35 * g * (1 - a) + heat[1] * a, 0.35 * b * (1 - a) + heat[2] * a, 255], 4 * i);
    }
    var gap = 4, ctx = setup(canvas, 2 * W * scale + gap, H * scale);
    var tmp = document.createElement('canvas');
    tmp.width = W; tmp.height = H;
    ctx.imageSmoothingEnabled = false;
    [img, over].forEach(function (data, j) {
      tmp.getContext('2d').putImageData(data, 0, 0);
      ctx.drawImage(tmp, j * (W * scale + gap), 0, W * scale, H * scale);
    });
  }

  /** One first-layer filter, enlarged with square pixels: grey, or RGB when it has three channels. */
  function filterChart(canvas, key) {
    var f = DATA.filters, H = f.weightShape[2], W = f.weightShape[3], px = decode(f.filters[Number(key)]);
    var rgb = f.channels === 'rgb', scale = Math.max(1, Math.floor(60 / Math.max(H, W)));
    var img = new ImageData(W, H);
    for (var i = 0; i < H * W; i++) {
      var r = px[i];
      img.data.set([r, rgb ? px[H * W + i] : r, rgb ? px[2 * H * W + i] : r, 255], 4 * i);
    }
    var ctx = setup(canvas, W * scale, H * scale), tmp = document.createElement('canvas');
    tmp.width = W; tmp.height = H;
    tmp.getContext('2d').putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(tmp, 0, 0, W * scale, H * scale);
  }

  var DRAW = {
    metric: metricChart,
    lr: lrChart,
    'grad-norm': function (c) { layerChart(c, DATA.diagnostics.gradNorm, positiveOrNull, { type: 'logarithmic', title: { display: true, text: '‖grad‖' } }); },
    'dead-units': function (c) { layerChart(c, DATA.diagnostics.deadFraction, function (v) { return v; }, { min: 0, max: 1, title: { display: true, text: 'dead fraction' } }); },
    saturated: function (c) { layerChart(c, DATA.diagnostics.saturatedFraction, function (v) { return v; }, { min: 0, max: 1, title: { display: true, text: 'saturated fraction' } }); },
    regression: regressionChart,
    confusion: confusionChart,
    sample: sampleChart,
    filter: filterChart
  };
  document.querySelectorAll('canvas[data-kind]').forEach(function (canvas) {
    DRAW[canvas.getAttribute('data-kind')](canvas, canvas.getAttribute('data-key'));
    canvas.setAttribute('data-drawn', 'true');
  });
  document.body.setAttribute('data-ready', 'true');
})();
`;
