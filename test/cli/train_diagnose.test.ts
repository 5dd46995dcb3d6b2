/**
 * `myelin train` on a network that blows up: the NON_FINITE finding is printed once and lands in
 * diagnostics.json and report.html; with --detect-anomaly the run stops at the first op that made
 * an Inf/NaN, with one line naming the op and its layer. On the js backend, like cli.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliRunner } from '../harness/cli.js';

const cli = cliRunner('diagnose');
const TMP = cli.tmp;
const myelin = cli.run;

// SGD at lr 10 on a ReLU MLP: activations overflow float32 within a few steps
const BROKEN = ['train', 'mnist-mlp', '--epochs', '1', '--limit', '640', '--lr', '10', '--optimizer', 'sgd', '--no-progress'];

test('a diverging run: NON_FINITE printed once, in diagnostics.json and in report.html', () => {
  const r = myelin(...BROKEN, '--out', 'nan');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err.match(/^diagnostics: NON_FINITE \(error, step \d+\)/gm)?.length, 1, r.err);
  assert.match(r.err, /--detect-anomaly/);
  const report = JSON.parse(readFileSync(join(TMP, 'nan/diagnostics.json'), 'utf8')) as { findings: { code: string }[] };
  assert.ok(report.findings.some((f) => f.code === 'NON_FINITE'));
  assert.match(r.out, /saved nan\/: .*report\.html/);
  const html = readFileSync(join(TMP, 'nan/report.html'), 'utf8');
  assert.match(html, /NON_FINITE/);
  assert.doesNotMatch(html, /<script[^>]+src=/, 'self-contained');
});

test('--detect-anomaly stops at the first op that produced Inf/NaN, naming it and its layer', () => {
  const r = myelin(...BROKEN, '--out', 'anomaly', '--detect-anomaly');
  assert.equal(r.code, 1, r.out + r.err);
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0]!, /^myelin train: anomaly: forward op '\w+' in Linear '\d+' \(layer \d+\) produced (±Inf|NaN|Inf|-Inf)[^]*from finite inputs: input 0 shape \[/);
  assert.ok(!existsSync(join(TMP, 'anomaly/model.json')), 'a stopped run saves no model');
});
