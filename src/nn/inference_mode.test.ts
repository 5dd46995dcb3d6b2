/**
 * inferenceMode (nn/inference_mode.ts): the same outputs as a plain eval call, bit for bit, on
 * every backend (on native the Linear weights are packed once for the scope); no graph inside;
 * packs live only as long as the scope (a weight changed after it is seen); an optimizer step
 * inside throws; an async callback is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ArgumentError, AutogradError, Linear, ReLU, SGD, Sequential, availableBackends, inferenceMode, isInferenceMode, manualSeed, noGrad, randn,
} from '../index.js';
import { onBackend } from '../../test/backend/native_helpers.js';
import { scopePackCount } from './inference_mode.js';
import { fusedKernels } from '../backend/native/fused.js';

const bits = (a: ArrayLike<number>): number[] => Array.from(new Uint32Array(new Float32Array(a).buffer));

for (const backend of availableBackends()) {
  test(`${backend}: inferenceMode equals a plain no-grad call, repeatedly, and drops its packs after`, () => onBackend(backend as 'js' | 'native', () => {
    manualSeed(8);
    const model = new Sequential(new Linear(70, 33), new ReLU(), new Linear(33, 5));
    model.eval();
    const x = randn([13, 70]);
    const plain = noGrad(() => model.call(x)).toTypedArray();
    // 300 rows: enough work for the packed GEMM to split its row blocks over the threads
    const big = randn([300, 70]);
    const bigPlain = noGrad(() => model.call(big)).toTypedArray();
    assert.deepEqual(bits(inferenceMode(() => model.call(big)).toTypedArray()), bits(bigPlain));
    const [a, b, count] = inferenceMode(() => [model.call(x), model.call(x), scopePackCount()] as const);
    assert.equal(count, backend === 'native' ? 2 : 0, 'on native each weight is packed once for the scope');
    assert.deepEqual(bits(a.toTypedArray()), bits(plain));
    assert.deepEqual(bits(b.toTypedArray()), bits(plain));
    assert.equal(a.requiresGrad, false, 'no graph inside');
    assert.equal(isInferenceMode(), false);
    const w = model.at(2) as Linear;
    w.weight.data[0] = (w.weight.data[0] as number) + 1;
    const changed = noGrad(() => model.call(x)).toTypedArray();
    assert.deepEqual(bits(inferenceMode(() => model.call(x)).toTypedArray()), bits(changed), 'a new scope packs the new weight');
  }));
}

test('the packed-weight kernels reject bad sizes without crashing', { skip: availableBackends().includes('native') ? false : 'no native backend' }, () => {
  const f = onBackend('native', () => fusedKernels());
  assert.ok(f?.linearPack && f.linearForwardPacked && f.linearPackedSize, 'the addon has the packed-weight kernels');
  const packed = new Float32Array(f.linearPackedSize!(4, 3));
  assert.throws(() => f.linearPack!(new Float32Array(11), packed, 4, 3), /linearPack: array sizes do not match/);
  assert.throws(() => f.linearPack!(new Float32Array(12), new Float32Array(packed.length - 1), 4, 3), /linearPack: array sizes do not match/);
  f.linearPack!(new Float32Array(12), packed, 4, 3);
  assert.throws(() => f.linearForwardPacked!(new Float32Array(8), packed, null, new Float32Array(6), 2, 4, 3, 2 as 0), /linearForwardPacked: bad arguments/);
  assert.throws(() => f.linearForwardPacked!(new Float32Array(8), packed, null, new Float32Array(5), 2, 4, 3), /linearForwardPacked: array sizes do not match/);
  assert.throws(() => f.linearForwardPacked!(new Float32Array(8), packed.subarray(1), null, new Float32Array(6), 2, 4, 3), /linearForwardPacked: array sizes do not match/);
});

test('an optimizer step inside inferenceMode throws; an async callback is refused', () => {
  const layer = new Linear(3, 2);
  const opt = new SGD([...layer.parameters()], { lr: 0.1 });
  assert.throws(() => inferenceMode(() => opt.step()), (e: unknown) => e instanceof AutogradError && /inside inferenceMode/.test((e as Error).message));
  assert.throws(() => inferenceMode(async () => 1), ArgumentError);
  assert.equal(isInferenceMode(), false, 'the scope ends even when fn throws');
});
