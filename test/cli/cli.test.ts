/**
 * The `myelin` CLI end to end: each test spawns the built executable (cli/bin/myelin.js, which
 * runs dist/cli/main.js; npm test builds it first) and checks exit codes, one-line errors and the
 * files a run writes. On the js backend (MYELIN_BACKEND=js) so results do not depend on the addon.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeSafetensors, tensor, zeros } from '../../src/index.js';
import { assertOneLineError, cliRunner, ROOT } from '../harness/cli.js';

const cli = cliRunner('cli');
const TMP = cli.tmp;
const myelin = cli.run;

test('the CLI is built (npm run build)', () => {
  assert.ok(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/cli/main.js is missing: run npm run build');
});

test('--help: the command list, and each command\'s help, exit 0', () => {
  const r = myelin('--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: myelin <command>/);
  for (const cmd of ['train', 'eval', 'predict', 'explain', 'report', 'inspect', 'summary']) {
    assert.match(r.out, new RegExp(`^  ${cmd} `, 'm'));
    const h = myelin(cmd, '--help');
    assert.equal(h.code, 0, `${cmd} --help`);
    assert.match(h.out, new RegExp(`^Usage: myelin ${cmd}`));
    assert.match(h.out, /--verbose/);
  }
  assert.equal(myelin().code, 0);
  assert.match(myelin('help', 'train').out, /mnist-cnn/);
});

test('bad usage exits 2 with one line', () => {
  assertOneLineError(myelin('frob'), 2, /^myelin: unknown command 'frob'/);
  assertOneLineError(myelin('--frob'), 2, /unknown option '--frob'/);
  assertOneLineError(myelin('train', 'xor', '--frob', '1'), 2, /^myelin train: unknown option '--frob'/);
  assertOneLineError(myelin('train', 'xor', '--epochs', 'many'), 2, /--epochs expects an integer, got 'many'/);
  assertOneLineError(myelin('train', 'xor', '--epochs'), 2, /--epochs needs a value/);
  assertOneLineError(myelin('train', 'xor', '--optimizer', 'magic'), 2, /--optimizer must be one of/);
  assertOneLineError(myelin('train', 'no-such-preset'), 2, /neither a preset .* nor a config file/);
  assertOneLineError(myelin('inspect'), 2, /missing FILE/);
  assertOneLineError(myelin('inspect', 'a', 'b'), 2, /unexpected argument 'b'/);
});

test('runtime errors exit 1 with one line; --verbose adds the stack', () => {
  assertOneLineError(myelin('inspect', 'missing.safetensors'), 1, /^myelin inspect: no such file: 'missing.safetensors'/);
  assertOneLineError(myelin('eval', 'no-such-dir'), 1, /^myelin eval: no such model directory/);
  assertOneLineError(myelin('train', 'missing.json'), 1, /cannot read 'missing.json'/);
  writeFileSync(join(TMP, 'junk.safetensors'), 'not a safetensors file at all');
  assertOneLineError(myelin('inspect', 'junk.safetensors'), 1, /^myelin inspect: inspectSafetensors: /);
  const v = myelin('inspect', 'junk.safetensors', '--verbose');
  assert.equal(v.code, 1);
  assert.match(v.err, /^\s+at /m);
});

test('inspect lists names, dtypes, shapes and sizes from the header', () => {
  const bytes = serializeSafetensors({ 'fc.weight': zeros([3, 2]), steps: tensor([1, 2], { dtype: 'int32' }) }, { note: 'hi' });
  writeFileSync(join(TMP, 'small.safetensors'), bytes);
  const r = myelin('inspect', 'small.safetensors');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^fc\.weight\s+F32\s+\[3, 2\]\s+6\s+24 B$/m);
  assert.match(r.out, /^steps\s+I32\s+\[2\]\s+2\s+8 B$/m);
  assert.match(r.out, /total: 8 elements, 32 B/);
  assert.match(r.out, /note: hi/);
  const j = JSON.parse(myelin('inspect', 'small.safetensors', '--json').out) as { tensors: { name: string; shape: number[] }[] };
  assert.deepEqual(j.tensors.map((t) => [t.name, t.shape]), [['fc.weight', [3, 2]], ['steps', [2]]]);
});

test('train xor writes model, checkpoint, history; eval, predict, summary read it', () => {
  const r = myelin('train', 'xor', '--epochs', '2', '--out', 'xor', '--no-progress');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Epoch 2\/2 - .*val_accuracy: /m);
  assert.match(r.out, /^test loss [\d.]+, accuracy [\d.]+% \(500 examples\) after 2 epoch\(s\)/m);
  for (const f of ['model.json', 'model.safetensors', 'checkpoint.safetensors', 'history.json', 'history.csv', 'config.json']) {
    assert.ok(existsSync(join(TMP, 'xor', f)), `missing ${f}`);
  }
  const h = JSON.parse(readFileSync(join(TMP, 'xor/history.json'), 'utf8')) as { epoch: number[]; history: Record<string, number[]> };
  assert.deepEqual(h.epoch, [0, 1]);
  assert.equal(h.history['val_accuracy']!.length, 2);
  assert.equal(readFileSync(join(TMP, 'xor/history.csv'), 'utf8').trim().split('\n').length, 3);
  const testAcc = h.history['val_accuracy']![1]!;

  const e = myelin('eval', 'xor', '--json');
  assert.equal(e.code, 0, e.err);
  const logs = JSON.parse(e.out) as { accuracy: number; examples: number };
  assert.equal(logs.examples, 500);
  assert.ok(Math.abs(logs.accuracy - testAcc) < 1e-9, `eval ${logs.accuracy} vs fit's ${testAcc}`);

  const p = myelin('predict', 'xor', '0:4');
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /^#0: [01] \([\d.]+%\)\s+[01] \([\d.]+%\)\s+label [01] [✓✗]$/m);
  assert.match(p.out, /^\d\/4 correct$/m);
  writeFileSync(join(TMP, 'points.json'), JSON.stringify([[0.5, -0.5], [-0.5, -0.5]]));
  const pj = myelin('predict', 'xor', 'points.json', '--json');
  assert.equal(pj.code, 0, pj.err);
  assert.equal(pj.out.trim().split('\n').length, 2);
  writeFileSync(join(TMP, 'points.csv'), 'a,b\n0.5,-0.5\n0.9,0.9\n');
  assert.match(myelin('predict', 'xor', 'points.csv').out, /^#1: /m);

  const i = myelin('inspect', 'xor');
  assert.equal(i.code, 0, i.err);
  assert.match(i.out, /^0\.weight\s+F32\s+\[16, 2\]\s+32\s+128 B$/m);
  assert.match(myelin('inspect', 'xor/checkpoint.safetensors').out, /optim\./);

  const s = myelin('summary', 'xor');
  assert.equal(s.code, 0, s.err);
  assert.match(s.out, /Total params: 82/);
  assert.match(s.out, /input shape: \[2\]/);
  assertOneLineError(myelin('summary', 'xor/model.json'), 1, /is not a directory/);
});

test('--resume continues a run exactly as the uninterrupted one', () => {
  assert.equal(myelin('train', 'xor', '--epochs', '3', '--out', 'full', '--no-progress').code, 0);
  assert.equal(myelin('train', 'xor', '--epochs', '1', '--out', 'part', '--no-progress').code, 0);
  const r = myelin('train', '--resume', 'part/checkpoint.safetensors', '--epochs', '3', '--no-progress');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /^Epoch 1\/3/m);
  assert.match(r.out, /^Epoch 3\/3/m);
  assert.equal(readFileSync(join(TMP, 'part/history.csv'), 'utf8'), readFileSync(join(TMP, 'full/history.csv'), 'utf8'));
  assertOneLineError(myelin('train', '--resume', 'nope.safetensors'), 1, /no such checkpoint/);
});

test('a config.json extends a preset; a bad one fails with exit 1', () => {
  writeFileSync(join(TMP, 'tiny.json'), JSON.stringify({ extends: 'moons', epochs: 1, lr: 0.05, name: 'tiny' }));
  const r = myelin('train', 'tiny.json', '--no-progress');
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(TMP, 'runs/tiny/model.safetensors')));
  writeFileSync(join(TMP, 'bad.json'), JSON.stringify({ extends: 'xor', epoch: 3 }));
  assertOneLineError(myelin('train', 'bad.json'), 1, /unknown field\(s\) epoch/);
  writeFileSync(join(TMP, 'badarch.json'), JSON.stringify({ extends: 'xor', architecture: { type: 'Dense', args: [2, 2] } }));
  assertOneLineError(myelin('train', 'badarch.json'), 1, /'Dense' is not a Myelin layer/);
});

test('train mnist-mlp on a slice of the bundled MNIST (--limit)', () => {
  const r = myelin('train', 'mnist-mlp', '--epochs', '1', '--limit', '256', '--out', 'mlp', '--no-progress');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /256 training \/ 256 test examples, 235,146 parameters/);
  const p = myelin('predict', 'mlp', '3');
  assert.match(p.out, /^#3: \d \(/m);
});

test('a CSV regression config: standardised data, results in target units, eval on a new file', () => {
  const rows = ['a,b,target'];
  for (let i = 0; i < 200; i++) {
    const a = (i % 17) - 8, b = ((i * 7) % 13) - 6;
    rows.push(`${a},${b},${100 + 3 * a - 2 * b}`);
  }
  writeFileSync(join(TMP, 'lin.csv'), rows.join('\n') + '\n');
  writeFileSync(join(TMP, 'lin.json'), JSON.stringify({
    name: 'lin', description: 'y = 100 + 3a - 2b',
    architecture: { type: 'Linear', args: [2, 1] },
    data: { kind: 'csv', path: 'lin.csv', labelColumn: 'target', task: 'regression' },
    loss: 'mse', metrics: ['mae'], optimizer: 'adam', lr: 0.05, epochs: 40, batchSize: 16, seed: 1,
  }));
  const r = myelin('train', 'lin.json', '--no-progress');
  assert.equal(r.code, 0, r.err);
  const r2 = Number(/R² (-?[\d.]+) \(in target units\)/.exec(r.out)?.[1]);
  assert.ok(r2 > 0.99, r.out);
  const e = JSON.parse(myelin('eval', 'runs/lin', '--data', 'lin.csv', '--json').out) as { examples: number; target: { mae: number } };
  assert.equal(e.examples, 200);
  assert.ok(e.target.mae < 1, `MAE ${e.target.mae}`);
  writeFileSync(join(TMP, 'ab.csv'), '1,1\n0,0\n');
  const p = myelin('predict', 'runs/lin', 'ab.csv');
  const values = [...p.out.matchAll(/^#\d: (\S+)$/gm)].map((m) => Number(m[1]));
  assert.equal(values.length, 2, p.out + p.err);
  assert.ok(Math.abs(values[0]! - 101) < 1 && Math.abs(values[1]! - 100) < 1, p.out);
});

test('predict reads an IDX image file (MNIST format)', () => {
  const header = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28];
  writeFileSync(join(TMP, 'two-images-idx3-ubyte'), Uint8Array.from([...header, ...new Array<number>(2 * 784).fill(0)]));
  const r = myelin('predict', 'mlp', 'two-images-idx3-ubyte', '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 2);
  assertOneLineError(myelin('predict', 'mlp', 'lin.csv'), 1, /not a batch of \[1, 28, 28\] inputs/);
});

test('train prints each diagnostics finding once and writes diagnostics.json; --no-diagnostics turns both off', () => {
  writeFileSync(join(TMP, 'hot.json'), JSON.stringify({ extends: 'moons', name: 'hot', optimizer: 'sgd', lr: 20, epochs: 2 }));
  const r = myelin('train', 'hot.json', '--no-progress', '--out', 'hot');
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^diagnostics: LR_TOO_HIGH \(error, step \d+\): update-to-weight ratio .* — learning rate too high\n {2}try a learning rate 10× lower/m);
  assert.equal(r.err.match(/^diagnostics: LR_TOO_HIGH/gm)?.length, 1, 'printed once, not every step');
  const report = JSON.parse(readFileSync(join(TMP, 'hot/diagnostics.json'), 'utf8')) as { version: number; every: number; layers: { type: string }[]; steps: unknown[]; findings: { code: string }[] };
  assert.equal(report.version, 1);
  assert.equal(report.every, 10);
  assert.deepEqual(report.layers.map((l) => l.type), ['Linear', 'ReLU', 'Linear', 'ReLU', 'Linear']);
  assert.ok(report.steps.length >= 6);
  assert.ok(report.findings.some((f) => f.code === 'LR_TOO_HIGH'));

  const off = myelin('train', 'xor', '--epochs', '2', '--no-progress', '--no-diagnostics', '--out', 'quiet');
  assert.equal(off.code, 0, off.err);
  assert.doesNotMatch(off.out + off.err, /diagnostics/);
  assert.ok(!existsSync(join(TMP, 'quiet/diagnostics.json')));
  const on = myelin('train', 'xor', '--epochs', '2', '--no-progress', '--out', 'watched');
  assert.doesNotMatch(on.err, /^diagnostics:/m, 'a healthy run reports nothing');
  assert.equal((JSON.parse(readFileSync(join(TMP, 'watched/diagnostics.json'), 'utf8')) as { layers: unknown[] }).layers.length, 3);
});
