/**
 * The ReLU epilogues of the native conv2d and linear kernels (conv2dRelu, functional.linearRelu):
 * against the composites relu(conv2d) and relu(linear) with the fused paths on and off (values and
 * every gradient, NaN/Inf pixels included), and the kernels' flag itself: relu on equals relu
 * applied to the flag-off output bit for bit, on every conv branch (tiles straight into rows of
 * 16 or more, the scratch path for narrower rows, the im2col path for strides), and a bad flag is
 * refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Tensor, conv2dRelu, functional, randn } from '../../src/index.js';
import { fusedKernels } from '../../src/backend/native/fused.js';
import { native } from './native_helpers.js';
import { CONVS, both, checkConvs, checkLinears, close, valueAndGrads } from './fused_helpers.js';

const skip = !native ? 'the native addon is not built on this machine' : false;

test('conv2dRelu equals relu(conv2d) with the fused paths on and off (values, dx, dw, db)', { skip }, () => {
  checkConvs(conv2dRelu, 'conv+relu', 17);
});

test('conv2dRelu passes NaN and keeps Inf like relu (NaN/Inf pixels)', { skip }, () => {
  const make = (): { out: Tensor; params: Tensor[] } => {
    const x = randn([2, 2, 17, 17]);
    x.data[10] = Infinity;
    x.data[300] = NaN;
    x.requiresGrad_();
    const w = randn([6, 2, 3, 3], { requiresGrad: true });
    return { out: conv2dRelu(x, w, null, { padding: 1 }), params: [x, w] };
  };
  const [f, r] = both(() => valueAndGrads(make, 5));
  assert.ok(f[0]!.toFlatArray().some(Number.isNaN), 'NaN reaches the output');
  f.forEach((t, j) => close(t, r[j]!, 1e-4, `conv+relu non-finite out ${j}`));
});

test('linearRelu equals relu(linear) with the fused path on and off (3-d input, no bias, frozen input, no rows)', { skip }, () => {
  checkLinears(functional.linearRelu, 'linear+relu', 90);
});

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
/** What the kernels' relu flag must produce from the flag-off output: x <= 0 ? +0 : x, NaN kept. */
const relu1 = (a: Float32Array): Float32Array => a.map((v) => (v <= 0 ? 0 : v));

test('the kernels\' relu flag equals relu of the flag-off output bit for bit; a bad flag is refused', { skip }, () => {
  const f = fusedKernels() ?? (() => { throw new Error('no fused kernels'); })();
  for (const c of CONVS) {
    const s = c.opts as { stride?: number | number[]; padding?: number | number[]; dilation?: number | number[] };
    const two = (v: number | number[] | undefined, d: number): number[] => (v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : v);
    const x = randn([...c.x]).data as Float32Array;
    x[3] = NaN;
    const w = randn([...c.w]).data as Float32Array;
    const b = randn([c.w[0]]).data as Float32Array;
    const [N, C, H, W] = c.x;
    const [O, , kh, kw] = c.w;
    const [sh, sw] = two(s.stride, 1), [ph, pw] = two(s.padding, 0), [dh, dw] = two(s.dilation, 1);
    const oh = Math.floor((H + 2 * ph! - dh! * (kh - 1) - 1) / sh!) + 1, ow = Math.floor((W + 2 * pw! - dw! * (kw - 1) - 1) / sw!) + 1;
    const geometry = [N, C, H, W, O, kh, kw, sh!, sw!, ph!, pw!, dh!, dw!];
    const plain = new Float32Array(N * O * oh * ow), fused = new Float32Array(plain.length);
    f.conv2dForward(x, w, b, plain, ...geometry);
    f.conv2dForward(x, w, b, fused, ...geometry, 1);
    assert.deepEqual(bits(fused), bits(relu1(plain)), `conv ${JSON.stringify(c)}`);
    assert.throws(() => f.conv2dForward(x, w, b, fused, ...geometry, 2), /conv2dForward: bad arguments/);
  }
  const x = randn([7, 33]).data as Float32Array, w = randn([19, 33]).data as Float32Array, b = randn([19]).data as Float32Array;
  for (const bias of [b, null]) {
    const plain = new Float32Array(7 * 19), fused = new Float32Array(7 * 19);
    f.linearForward(x, w, bias, plain, 7, 33, 19);
    f.linearForward(x, w, bias, fused, 7, 33, 19, 1);
    assert.deepEqual(bits(fused), bits(relu1(plain)), `linear bias=${bias !== null}`);
  }
  assert.throws(() => f.linearForward(x, w, b, new Float32Array(7 * 19), 7, 33, 19, -1 as 0), /linearForward: bad arguments/);
});
