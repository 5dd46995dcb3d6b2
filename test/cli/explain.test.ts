/**
 * `myelin explain` end to end, on the built CLI (npm run build) and the js backend: a tiny CNN
 * trained for one epoch on 128 MNIST images, every method writing a PNG that decodes to the
 * expected size, PNG inputs, and one-line errors for bad inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { assertOneLineError, cliRunner } from '../harness/cli.js';

const cli = cliRunner('explain');
const TMP = cli.tmp;
const myelin = cli.run;

function pngSize(path: string): [number, number] {
  const png = PNG.sync.read(readFileSync(join(TMP, path)));
  return [png.width, png.height];
}

/** A grey w×h PNG with a bright vertical bar. */
function writeGreyPng(path: string, w: number, h: number): void {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) {
    const v = Math.abs((i % w) - w / 2) < 2 ? 255 : 0;
    png.data.set([v, v, v, 255], 4 * i);
  }
  writeFileSync(join(TMP, path), PNG.sync.write(png));
}

const TINY_CNN = {
  extends: 'mnist-cnn',
  name: 'tiny-cnn',
  architecture: {
    type: 'Sequential',
    layers: [
      { type: 'Conv2d', args: [1, 4, 3, { padding: 1 }] }, { type: 'ReLU' }, { type: 'MaxPool2d', args: [4] },
      { type: 'Conv2d', args: [4, 4, 3, { padding: 1 }] }, { type: 'ReLU' },
      { type: 'Flatten' }, { type: 'Linear', args: [196, 10] },
    ],
  },
  epochs: 1,
  schedule: 'constant',
};

test('train a tiny CNN, then explain a test image with every method', () => {
  writeFileSync(join(TMP, 'tiny.json'), JSON.stringify(TINY_CNN));
  const t = myelin('train', 'tiny.json', '--limit', '128', '--out', 'cnn', '--no-progress');
  assert.equal(t.code, 0, t.err);

  const ig = myelin('explain', 'cnn', 'test:0');
  assert.equal(ig.code, 0, ig.err);
  assert.match(ig.out, /^predicted \d \([\d.]+%\), target \d \([\d.]+%\), label 7$/m);
  assert.match(ig.out, /^method: Integrated Gradients, 50 steps from a black image$/m);
  assert.match(ig.out, /^completeness: Σ attributions -?[\d.]+ vs f\(x\) − f\(baseline\) -?[\d.]+, relative error [\d.]+% \(tolerance 5%\): /m);
  assert.match(ig.out, /^wrote explain-ig\.png \(224x224: the heat map over the input, x8\)$/m);
  assert.deepEqual(pngSize('explain-ig.png'), [224, 224]);

  for (const method of ['saliency', 'gradxinput', 'smoothgrad', 'gradcam', 'occlusion']) {
    const extra = method === 'smoothgrad' ? ['--samples', '4'] : method === 'occlusion' ? ['--window', '7'] : [];
    const r = myelin('explain', 'cnn', '3', '--method', method, '--target', '2', '--out', `${method}.png`, '--scale', '2', ...extra);
    assert.equal(r.code, 0, `${method}: ${r.err}`);
    assert.match(r.out, /target 2 \(/);
    assert.deepEqual(pngSize(`${method}.png`), [56, 56], method);
  }
  const cam = myelin('explain', 'cnn', '3', '--method', 'gradcam', '--layer', '0', '--out', 'cam0.png');
  assert.match(cam.out, /layer '0' \(Conv2d\), map 28x28 upsampled/);
});

test('a PNG of the model\'s size is an input (explain and predict); another size is a clear error', () => {
  assert.ok(existsSync(join(TMP, 'cnn/model.json')), 'needs the model of the first test');
  writeGreyPng('bar.png', 28, 28);
  const r = myelin('explain', 'cnn', 'bar.png', '--method', 'saliency', '--out', 'bar-saliency.png');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /label/);
  assert.deepEqual(pngSize('bar-saliency.png'), [224, 224]);
  assert.match(myelin('predict', 'cnn', 'bar.png').out, /^#0: \d \(/m);
  writeGreyPng('big.png', 32, 30);
  assertOneLineError(myelin('explain', 'cnn', 'big.png'), 1, /^myelin explain: 'big.png' is 32x30 pixels but the model takes 28x28 images$/);
  writeFileSync(join(TMP, 'fake.png'), 'not a png');
  assertOneLineError(myelin('explain', 'cnn', 'fake.png'), 1, /'fake.png' is not a readable PNG image/);
});

test('bad explain inputs fail with one line and a nonzero exit', () => {
  assertOneLineError(myelin('explain', 'cnn', '0', '--method', 'lime'), 2, /--method must be one of saliency, gradxinput, smoothgrad, ig, gradcam, occlusion/);
  assertOneLineError(myelin('explain', 'cnn', '0', '--target', '12'), 1, /--target 12 is not one of the model's 10 classes/);
  assertOneLineError(myelin('explain', 'cnn', '0', '--out', 'heat.jpg'), 2, /--out must name a \.png file/);
  assertOneLineError(myelin('explain', 'cnn', '0', '--method', 'gradcam', '--layer', '9'), 1, /no layer named '9'/);
  assertOneLineError(myelin('explain', 'cnn', '0', '--steps', '0'), 2, /--steps must be at least 1/);
  assertOneLineError(myelin('explain', 'cnn', 'nope.idx'), 1, /no such input file: 'nope.idx'/);
  assertOneLineError(myelin('explain', 'missing-dir', '0'), 1, /no such model directory/);
  assertOneLineError(myelin('explain', 'cnn'), 2, /missing INPUT/);
  writeFileSync(join(TMP, 'linear.json'), JSON.stringify({ ...TINY_CNN, name: 'linear', architecture: { type: 'Sequential', layers: [{ type: 'Flatten' }, { type: 'Linear', args: [784, 10] }] } }));
  assert.equal(myelin('train', 'linear.json', '--limit', '32', '--out', 'linear', '--no-progress').code, 0);
  assertOneLineError(myelin('explain', 'linear', '0', '--method', 'gradcam'), 1, /gradcam needs a Conv2d layer and this model has none/);
  assert.equal(myelin('explain', 'linear', '0', '--method', 'occlusion').code, 0);
  assert.equal(myelin('train', 'xor', '--epochs', '1', '--out', 'xor', '--no-progress').code, 0);
  assertOneLineError(myelin('explain', 'xor', '0'), 1, /explain draws heat maps for image models .* this model takes \[2\] inputs/);
});
