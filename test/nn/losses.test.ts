/**
 * Losses (src/nn/losses/): PyTorch parity (test/fixtures/torch/nn.json, 'loss/…') of the value and
 * of the input gradients for every loss, reduction and option, float64 gradient checks, the module
 * forms, and the error paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';
import { assertClose, fixtureCase, fromJson } from '../harness/fixtures.js';

const { randn, rand, tensor } = m;
type T = m.Tensor;
const nn = (...cases: string[]) => ({ family: 'nn', cases, tol: { rtol: 1e-4, atol: 1e-5 } });
const ids = (data: number[]) => tensor(data, { dtype: 'int32' });
const IGN = (): T => ids([1, -100, 3, 0, -100]);
const W4 = (): T => rand([4]).add(0.5);
const probs = (shape: number[]): T => m.sigmoid(randn(shape));
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

for (const reduction of REDUCTIONS) {
  const r = { reduction };
  const pair = (): T[][] => [[randn([3, 4]), randn([3, 4])]];
  opCase({ name: `mseLoss(${reduction})`, fn: (x, y) => m.mseLoss(x!, y!, r), torch: nn(`loss/mse/${reduction}`), grad: pair });
  opCase({ name: `l1Loss(${reduction})`, fn: (x, y) => m.l1Loss(x!, y!, r), torch: nn(`loss/l1/${reduction}`), grad: pair });
  opCase({ name: `smoothL1Loss(${reduction})`, fn: (x, y) => m.smoothL1Loss(x!, y!, r), torch: nn(`loss/smooth_l1/${reduction}`), grad: pair });
  opCase({ name: `smoothL1Loss(beta 0.5, ${reduction})`, fn: (x, y) => m.smoothL1Loss(x!, y!, { ...r, beta: 0.5 }), torch: nn(`loss/smooth_l1_beta/${reduction}`), grad: pair });
  opCase({ name: `huberLoss(${reduction})`, fn: (x, y) => m.huberLoss(x!, y!, r), torch: nn(`loss/huber/${reduction}`), grad: pair });
  opCase({ name: `huberLoss(delta 2, ${reduction})`, fn: (x, y) => m.huberLoss(x!, y!, { ...r, delta: 2 }), torch: nn(`loss/huber_delta/${reduction}`), grad: pair });
  opCase({
    name: `binaryCrossEntropy(${reduction})`, fn: (x, y) => m.binaryCrossEntropy(x!, y!.detach(), r), torch: nn(`loss/bce/${reduction}`),
    grad: () => [[probs([3, 4]), rand([3, 4])]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `binaryCrossEntropy(weight, ${reduction})`, fn: (x, y, w) => m.binaryCrossEntropy(x!, y!.detach(), { ...r, weight: w!.detach() }),
    torch: nn(`loss/bce_weight/${reduction}`), grad: () => [[probs([3, 4]), rand([3, 4]), rand([4])]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `binaryCrossEntropyWithLogits(${reduction})`, fn: (x, y) => m.binaryCrossEntropyWithLogits(x!, y!, r), torch: nn(`loss/bce_logits/${reduction}`),
    grad: () => [[randn([3, 4]).mul(3), rand([3, 4])]],
  });
  opCase({
    name: `binaryCrossEntropyWithLogits(weight, posWeight, ${reduction})`,
    fn: (x, y, w, p) => m.binaryCrossEntropyWithLogits(x!, y!, { ...r, weight: w!.detach(), posWeight: p!.detach() }),
    torch: nn(`loss/bce_logits_weights/${reduction}`), grad: () => [[randn([3, 4]), rand([3, 4]), rand([3, 1]), rand([4])]], gradOptions: { wrt: [0, 1] },
  });
  opCase({
    name: `nllLoss(${reduction})`, fn: (x, y) => m.nllLoss(x!, y!, r), torch: nn(`loss/nll/${reduction}`),
    grad: () => [[randn([5, 4]), m.randint(0, 4, [5])]],
  });
  opCase({
    name: `nllLoss(weight, ignoreIndex, ${reduction})`, fn: (x, y, w) => m.nllLoss(x!, y!, { ...r, weight: w!.detach() }),
    torch: nn(`loss/nll_weight_ignore/${reduction}`), grad: () => [[randn([5, 4]), IGN(), W4()]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `nllLoss([N,C,d1,d2], ignoreIndex 2, ${reduction})`, fn: (x, y) => m.nllLoss(x!, y!, { ...r, ignoreIndex: 2 }),
    torch: nn(`loss/nll_spatial/${reduction}`), grad: () => [[randn([2, 4, 3, 2]), m.randint(0, 4, [2, 3, 2])]],
  });
  opCase({
    name: `crossEntropy(${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!, r), torch: nn(`loss/ce/${reduction}`),
    grad: () => [[randn([5, 4]), m.randint(0, 4, [5])]],
  });
  opCase({
    name: `crossEntropy(weight, ${reduction})`, fn: (x, y, w) => m.crossEntropy(x!, y!, { ...r, weight: w!.detach() }),
    torch: nn(`loss/ce_weight/${reduction}`), grad: () => [[randn([5, 4]), m.randint(0, 4, [5]), W4()]], gradOptions: { wrt: [0] },
  });
  opCase({ name: `crossEntropy(ignoreIndex, ${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!, r), torch: nn(`loss/ce_ignore/${reduction}`) });
  opCase({
    name: `crossEntropy(weight, ignoreIndex 3, ${reduction})`, fn: (x, y, w) => m.crossEntropy(x!, y!, { ...r, weight: w!.detach(), ignoreIndex: 3 }),
    torch: nn(`loss/ce_weight_ignore/${reduction}`),
  });
  opCase({
    name: `crossEntropy(labelSmoothing, ignoreIndex, ${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!, { ...r, labelSmoothing: 0.2 }),
    torch: nn(`loss/ce_smooth/${reduction}`), grad: () => [[randn([5, 4]), IGN()]],
  });
  opCase({
    name: `crossEntropy(labelSmoothing, weight, ignoreIndex, ${reduction})`,
    fn: (x, y, w) => m.crossEntropy(x!, y!, { ...r, weight: w!.detach(), labelSmoothing: 0.1 }),
    torch: nn(`loss/ce_smooth_weight/${reduction}`), grad: () => [[randn([5, 4]), IGN(), W4()]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `crossEntropy([N,C,d1,d2], labelSmoothing, ${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!, { ...r, labelSmoothing: 0.05 }),
    torch: nn(`loss/ce_spatial/${reduction}`), grad: () => [[randn([2, 4, 3, 2]), m.randint(0, 4, [2, 3, 2])]],
  });
  opCase({
    name: `crossEntropy(probabilities, ${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!.detach(), r), torch: nn(`loss/ce_probs/${reduction}`),
    grad: () => [[randn([5, 4]), m.softmax(randn([5, 4]), 1)]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `crossEntropy(probabilities, weight, labelSmoothing, ${reduction})`,
    fn: (x, y, w) => m.crossEntropy(x!, y!.detach(), { ...r, weight: w!.detach(), labelSmoothing: 0.3 }),
    torch: nn(`loss/ce_probs_weight_smooth/${reduction}`), grad: () => [[randn([5, 4]), m.softmax(randn([5, 4]), 1), W4()]], gradOptions: { wrt: [0] },
  });
  opCase({
    name: `crossEntropy(probabilities [N,C,d], ${reduction})`, fn: (x, y) => m.crossEntropy(x!, y!.detach(), r), torch: nn(`loss/ce_probs_spatial/${reduction}`),
  });
  opCase({
    name: `cosineEmbeddingLoss(${reduction})`, fn: (a, b, y) => m.cosineEmbeddingLoss(a!, b!, y!.detach(), r), torch: nn(`loss/cosine_embedding/${reduction}`),
    grad: () => [[randn([4, 3]), randn([4, 3]), tensor([1, -1, -1, 1])]], gradOptions: { wrt: [0, 1] },
  });
  opCase({
    name: `cosineEmbeddingLoss(margin -0.5, ${reduction})`, fn: (a, b, y) => m.cosineEmbeddingLoss(a!, b!, y!.detach(), { ...r, margin: -0.5 }),
    torch: nn(`loss/cosine_embedding_margin/${reduction}`),
  });
}
for (const reduction of [...REDUCTIONS, 'batchmean'] as const) {
  opCase({
    name: `klDiv(${reduction})`, fn: (x, y) => m.klDiv(x!, y!, { reduction }), torch: nn(`loss/kl_div/${reduction}`),
    grad: () => [[m.logSoftmax(randn([3, 4]), 1), m.softmax(randn([3, 4]), 1)]],
  });
  opCase({
    name: `klDiv(logTarget, ${reduction})`, fn: (x, y) => m.klDiv(x!, y!, { reduction, logTarget: true }), torch: nn(`loss/kl_div_log_target/${reduction}`),
    grad: () => [[m.logSoftmax(randn([3, 4]), 1), m.logSoftmax(randn([3, 4]), 1)]],
  });
}
opCase({ name: 'crossEntropy(unbatched [C])', fn: (x, y) => m.crossEntropy(x!, y!, { labelSmoothing: 0.1 }), torch: nn('loss/ce_unbatched') });
opCase({ name: 'nllLoss(every target ignored) is NaN', fn: (x, y) => m.nllLoss(x!, y!), torch: nn('loss/nll_all_ignored') });
opCase({ name: 'binaryCrossEntropy(0 and 1 inputs)', fn: (x, y) => m.binaryCrossEntropy(x!, y!, { reduction: 'none' }), torch: nn('loss/bce_edges') });
opCase({ name: 'binaryCrossEntropyWithLogits(±100 logits)', fn: (x, y) => m.binaryCrossEntropyWithLogits(x!, y!, { reduction: 'none' }), torch: nn('loss/bce_logits_extreme') });
opCase({ name: 'klDiv(zero targets)', fn: (x, y) => m.klDiv(x!, y!.detach(), { reduction: 'sum' }), torch: nn('loss/kl_div_zero_target') });

test('loss modules equal their functions and keep weights as PyTorch-named buffers', () => {
  const fx = fixtureCase('nn', 'loss/ce_smooth_weight/mean');
  const [x, y, w] = fx.inputs.map(fromJson) as [T, T, T];
  const ce = new m.CrossEntropyLoss({ weight: w, labelSmoothing: 0.1 });
  assertClose(ce.call(x, y), fx.outputs[0]!, { rtol: 1e-4 });
  assert.deepEqual([...ce.stateDict().keys()], ['weight']);
  assert.deepEqual([...new m.BCEWithLogitsLoss({ posWeight: tensor([2]) }).stateDict().keys()], ['pos_weight']);
  assert.deepEqual([...new m.MSELoss().stateDict().keys()], []);
  assert.equal(new m.CrossEntropyLoss().toString(), 'CrossEntropyLoss()');
  const pairs: [m.Loss, (a: T, b: T) => T][] = [
    [new m.MSELoss({ reduction: 'sum' }), (a, b) => m.mseLoss(a, b, { reduction: 'sum' })],
    [new m.L1Loss(), (a, b) => m.l1Loss(a, b)],
    [new m.SmoothL1Loss({ beta: 0.3 }), (a, b) => m.smoothL1Loss(a, b, { beta: 0.3 })],
    [new m.HuberLoss({ delta: 0.3, reduction: 'none' }), (a, b) => m.huberLoss(a, b, { delta: 0.3, reduction: 'none' })],
    [new m.BCEWithLogitsLoss(), (a, b) => m.binaryCrossEntropyWithLogits(a, b)],
    [new m.KLDivLoss({ reduction: 'batchmean', logTarget: true }), (a, b) => m.klDiv(a, b, { reduction: 'batchmean', logTarget: true })],
  ];
  const a = randn([3, 4]);
  const b = rand([3, 4]);
  for (const [mod, f] of pairs) assertClose(mod.call(a, b), f(a, b), {}, mod.toString());
  assertClose(new m.BCELoss().call(m.sigmoid(a), b), m.binaryCrossEntropy(m.sigmoid(a), b));
  assertClose(new m.NLLLoss({ ignoreIndex: 0 }).call(a, ids([0, 1, 2])), m.nllLoss(a, ids([0, 1, 2]), { ignoreIndex: 0 }));
  const y3 = tensor([1, -1, 1]);
  assertClose(new m.CosineEmbeddingLoss({ margin: 0.2 }).call(a, b, y3), m.cosineEmbeddingLoss(a, b, y3, { margin: 0.2 }));
});

test('losses reject bad shapes, dtypes, targets and options with the op name', () => {
  const x = randn([3, 4]);
  assert.throws(() => m.mseLoss(x, randn([3])), /^ShapeError: mseLoss: target \[3\] must have the input's shape \[3,4\]/);
  assert.throws(() => m.l1Loss(x, x, { reduction: 'avg' as 'mean' }), /l1Loss: reduction must be one of 'none', 'mean', 'sum', got 'avg'/);
  assert.throws(() => m.crossEntropy(x, ids([0, 1, 4])), /IndexError: nllLoss: target 4 is out of bounds for 4 classes/);
  assert.throws(() => m.crossEntropy(x, tensor([0, 1, 2])), /ShapeError: crossEntropy: target \[3\] must have the input's shape/);
  assert.throws(() => m.crossEntropy(x, ids([0, 1])), /ShapeError: nllLoss: target \[2\] must be \[3\] for input \[3,4\]/);
  assert.throws(() => m.crossEntropy(x, ids([0, 1, 2]), { labelSmoothing: 1.5 }), /labelSmoothing must be in \[0, 1\]/);
  assert.throws(() => m.crossEntropy(x, m.softmax(x, 1), { ignoreIndex: 0 }), /ignoreIndex is not supported for class-probability targets/);
  assert.throws(() => m.nllLoss(x, ids([0, 1, 2]), { weight: m.ones([3]) }), /weight must be \[4\]/);
  assert.throws(() => m.binaryCrossEntropy(tensor([1.5]), tensor([1])), /between 0 and 1, got 1.5/);
  assert.throws(() => m.binaryCrossEntropy(m.sigmoid(x), rand([3, 4]), { weight: m.ones([3]) }), /weight \[3\] does not broadcast/);
  assert.throws(() => m.binaryCrossEntropyWithLogits(x, rand([3, 4]), { posWeight: m.ones([3]) }), /posWeight \[3\] does not broadcast/);
  assert.throws(() => m.huberLoss(x, x, { delta: 0 }), /delta must be > 0/);
  assert.throws(() => m.smoothL1Loss(x, x, { beta: -1 }), /beta must be >= 0/);
  assert.throws(() => m.klDiv(x, x, { reduction: 'avg' as 'mean' }), /'batchmean'/);
  assert.throws(() => m.cosineEmbeddingLoss(x, x, tensor([1, 1])), /target \[2\] must be \[3\]/);
  assert.throws(() => m.nllLoss(x, tensor([0, 1, 2])), /DTypeError: nllLoss: class-index targets must be int32/);
});

test('smoothL1Loss with beta 0 is l1Loss; huberLoss is delta · smoothL1Loss(beta = delta)', () => {
  const a = randn([4, 3]);
  const b = randn([4, 3]);
  assertClose(m.smoothL1Loss(a, b, { beta: 0 }), m.l1Loss(a, b));
  assertClose(m.huberLoss(a, b, { delta: 0.7 }), m.smoothL1Loss(a, b, { beta: 0.7 }).mul(0.7), { rtol: 1e-5 });
});

test('binaryCrossEntropyWithLogits equals binaryCrossEntropy after sigmoid where both are accurate', () => {
  const x = randn([3, 4], { dtype: 'float64' });
  const y = rand([3, 4], { dtype: 'float64' });
  assertClose(m.binaryCrossEntropyWithLogits(x, y, { reduction: 'none' }), m.binaryCrossEntropy(m.sigmoid(x), y, { reduction: 'none' }), { rtol: 1e-10 });
});
