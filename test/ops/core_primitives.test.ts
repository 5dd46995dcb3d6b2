/** Op cases for the primitives: PyTorch parity (test/fixtures/torch/core.json) and gradient checks. */
import * as m from '../../src/index.js';
import { opCase } from '../harness/op_cases.js';

const { randn, rand, tensor } = m;
const core = (...cases: string[]) => ({ family: 'core', cases });
const positive = (shape: number[]) => m.add(rand(shape, { dtype: 'float64' }), 0.5);

opCase({ name: 'add', fn: m.add, torch: core('add/broadcast'), grad: () => [[randn([3, 1, 4]), randn([5, 1])], [randn([2, 3]), randn([])]] });
opCase({ name: 'sub', fn: m.sub, torch: core('sub/broadcast'), grad: () => [[randn([2, 3]), randn([3])]] });
opCase({ name: 'mul', fn: m.mul, torch: core('mul/broadcast'), grad: () => [[randn([4, 1]), randn([1, 5])]] });
opCase({ name: 'div', fn: m.div, torch: core('div/basic'), grad: () => [[randn([3, 4]), positive([3, 4])]] });
opCase({ name: 'pow', fn: m.pow, torch: core('pow/basic'), grad: () => [[positive([3, 4]), randn([3, 4])], [positive([2, 2]), randn([])]] });
opCase({ name: 'maximum', fn: m.maximum, torch: core('maximum/ties'), grad: () => [[randn([3, 4]), randn([4])]] });
opCase({ name: 'minimum', fn: m.minimum, torch: core('minimum/ties'), grad: () => [[randn([3, 4]), randn([4])]] });
opCase({ name: 'fmod', fn: m.fmod, torch: core('fmod/basic'), grad: () => [[m.mul(randn([6]), 5), positive([6])]], gradOptions: { wrt: [0] } });
opCase({ name: 'exp', fn: m.exp, torch: core('exp/edge'), grad: () => [[randn([3, 4])], [randn([])]] });
opCase({ name: 'log', fn: m.log, torch: core('log/basic', 'log/edge'), grad: () => [[positive([3, 4])]] });
opCase({ name: 'log1p', fn: m.log1p, torch: core('log1p/basic'), grad: () => [[positive([5])]] });
opCase({ name: 'expm1', fn: m.expm1, torch: core('expm1/basic'), grad: () => [[randn([5])]] });
opCase({ name: 'sqrt', fn: m.sqrt, torch: core('sqrt/basic'), grad: () => [[positive([5])]] });
opCase({ name: 'sin', fn: m.sin, torch: core('sin/basic'), grad: () => [[randn([5])]] });
opCase({ name: 'cos', fn: m.cos, torch: core('cos/basic'), grad: () => [[randn([5])]] });
opCase({ name: 'tanh', fn: m.tanh, torch: core('tanh/edge'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'erf', fn: m.erf, torch: core('erf/basic'), grad: () => [[m.mul(randn([8]), 2)]] });
opCase({ name: 'abs', fn: m.abs, torch: core('abs/basic'), grad: () => [[randn([6])]] });
opCase({ name: 'neg', fn: m.neg, torch: core('neg/basic'), grad: () => [[randn([6])]] });
opCase({ name: 'sign', fn: m.sign, torch: core('sign/edge') });
opCase({ name: 'floor', fn: m.floor, torch: core('floor/basic') });
opCase({ name: 'ceil', fn: m.ceil, torch: core('ceil/basic') });
opCase({ name: 'round', fn: m.round, torch: core('round/halves') });
opCase({ name: 'reciprocal', fn: m.reciprocal, torch: core('reciprocal/basic'), grad: () => [[positive([5])]] });
opCase({ name: 'sum(0,2)', fn: (x) => m.sum(x, [0, 2]), torch: core('sum/dims'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'sum(-1,keep)', fn: (x) => m.sum(x, -1, true), torch: core('sum/keepdim_neg'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'sum()', fn: (x) => m.sum(x), torch: core('sum/all'), grad: () => [[randn([3, 4])], [randn([])]] });
opCase({ name: 'sum(empty)', fn: (x) => m.sum(x, 1), torch: core('sum/empty') });
opCase({ name: 'prod', fn: (x) => m.prod(x, 1), torch: core('prod/dim', 'prod/one_zero'), grad: () => [[randn([3, 4])], [tensor([[1, 0, 3], [2, 0, 0]])]] });
opCase({ name: 'amax', fn: (x) => m.amax(x, 1), torch: core('amax/ties'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'argmax', fn: (x) => m.argmax(x, 1), torch: core('argmax/dim') });
opCase({ name: 'cumsum', fn: (x) => m.cumsum(x, 1), torch: core('cumsum/dim'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'bmm', fn: m.bmm, torch: { ...core('bmm/basic'), tol: { rtol: 1e-4 } }, grad: () => [[randn([2, 3, 4]), randn([2, 4, 5])]] });
opCase({ name: 'where', fn: (c, a, b) => m.where(c!, a!, b!), torch: core('where/basic'), grad: () => [[m.cmpLt(randn([3, 4]), 0), randn([3, 4]), randn([4])]] });
opCase({ name: 'gather', fn: (x, i) => m.gather(x!, 1, i!), torch: core('gather/dim1'), grad: () => [[randn([3, 4]), tensor([[0, 0], [3, 1], [2, 2]], { dtype: 'int32' })]] });
opCase({
  name: 'scatterAdd',
  fn: (x, i, s) => m.scatterAdd(x!, 0, i!, s!),
  torch: core('scatter_add/dim0'),
  grad: () => [[randn([3, 2]), tensor([[0, 1], [0, 0]], { dtype: 'int32' }), randn([2, 2])]],
});
opCase({ name: 'cat', fn: (a, b) => m.cat([a!, b!], 1), torch: core('cat/dim1'), grad: () => [[randn([2, 3]), randn([2, 1])]] });
opCase({ name: 'flip', fn: (x) => m.flip(x, [0, 2]), torch: core('flip/dims'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'permute+reshape', fn: (x) => m.reshape(m.permute(x, [2, 0, 1]), [4, 6]), torch: core('permute/view'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'slice(step)', fn: (x) => m.slice(x, 1, 1, 7, 2), torch: core('slice/step'), grad: () => [[randn([2, 8])]] });
opCase({ name: 'expand', fn: (x) => m.expand(x, [2, 3, 4]), grad: () => [[randn([3, 1])]] });
opCase({ name: 'padConstant', fn: (x) => m.padConstant(x, [[1, 2], [0, -1]], 0), grad: () => [[randn([3, 4])]] });
opCase({ name: 'im2col', fn: (x) => m.im2col(x, { kernel: [2, 3], stride: [2, 1], padding: [1, 1], dilation: [1, 2] }), grad: () => [[randn([2, 2, 5, 6])]] });
opCase({ name: 'logicalAnd', fn: m.logicalAnd, torch: core('logical_and/basic') });
opCase({ name: 'logicalOr', fn: m.logicalOr, torch: core('logical_or/basic') });
opCase({ name: 'logicalNot', fn: m.logicalNot, torch: core('logical_not/basic') });
opCase({
  name: 'scatter',
  fn: (x, i, s) => m.scatter(x!, 1, i!, s!),
  torch: core('scatter/dim1'),
  grad: () => [[randn([2, 4]), tensor([[3, 0], [1, 2]], { dtype: 'int32' }), randn([2, 2])]],
});
opCase({ name: 'transpose', fn: (x) => m.transpose(x, -1, 0), torch: core('transpose/neg'), grad: () => [[randn([2, 3, 4])]] });
opCase({ name: 'narrow', fn: (x) => m.narrow(x, -1, 1, 2), torch: core('narrow/neg_dim'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'reshape(copy)', fn: (x) => m.reshape(m.transpose(x, 0, 1), [-1]), torch: core('reshape/copy'), grad: () => [[randn([3, 4])]] });
opCase({ name: 'view', fn: (x) => m.view(x, [2, -1]), grad: () => [[randn([3, 4])]] });
opCase({
  name: 'cmpEq/cmpLt/cmpLe',
  fn: (a, b) => m.stack([m.cmpEq(a!, b!), m.cmpLt(a!, b!), m.cmpLe(a!, b!)]),
  torch: core('cmp/nan'),
});
opCase({ name: 'col2im', fn: (c) => m.col2im(c, { kernel: [2, 2], stride: [1, 2], padding: [0, 1], dilation: [1, 1] }, [3, 4]), grad: () => [[randn([1, 8, 6])]] });
