/**
 * Every layer against PyTorch (test/fixtures/torch/nn.json, 'layer/…' and 'model/…'): state-dict
 * keys and shapes, outputs, updated buffers (BatchNorm running statistics) and the gradients of
 * inputs and parameters, in training and eval mode.
 */
import * as m from '../../src/index.js';
import { moduleCase } from './module_case.js';
import { cnn, namedCnn } from './models.js';

const L: Record<string, () => m.Module> = {
  linear: () => new m.Linear(4, 3),
  linear_3d_nobias: () => new m.Linear(4, 5, { bias: false }),
  bilinear: () => new m.Bilinear(2, 3, 4),
  conv1d: () => new m.Conv1d(2, 4, 3, { stride: 2, padding: 1 }),
  conv1d_same_reflect: () => new m.Conv1d(2, 3, 4, { padding: 'same', paddingMode: 'reflect', bias: false }),
  conv2d: () => new m.Conv2d(3, 4, 3, { padding: 1 }),
  conv2d_groups_dil: () => new m.Conv2d(4, 6, [3, 2], { stride: [2, 1], dilation: [1, 2], groups: 2 }),
  conv2d_circular: () => new m.Conv2d(2, 2, 3, { padding: 1, paddingMode: 'circular' }),
  conv2d_replicate_same: () => new m.Conv2d(2, 3, [2, 3], { padding: 'same', paddingMode: 'replicate' }),
  conv_transpose2d: () => new m.ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  conv_transpose2d_groups: () => new m.ConvTranspose2d(4, 6, 2, { groups: 2, bias: false }),
  max_pool1d: () => new m.MaxPool1d(3, { stride: 2, padding: 1 }),
  max_pool2d: () => new m.MaxPool2d(2),
  max_pool2d_ceil: () => new m.MaxPool2d([3, 2], { stride: 2, padding: 1, ceilMode: true }),
  avg_pool1d: () => new m.AvgPool1d(3, { stride: 2, padding: 1, countIncludePad: false }),
  avg_pool2d: () => new m.AvgPool2d(2, { stride: 1, padding: 1, divisorOverride: 3 }),
  adaptive_avg_pool2d: () => new m.AdaptiveAvgPool2d([3, 4]),
  batch_norm1d_train: () => new m.BatchNorm1d(3),
  batch_norm1d_train_3d: () => new m.BatchNorm1d(3, { momentum: 0.3 }),
  batch_norm1d_eval: () => new m.BatchNorm1d(3),
  batch_norm2d_train: () => new m.BatchNorm2d(4),
  batch_norm2d_eval: () => new m.BatchNorm2d(4),
  batch_norm2d_cumulative: () => new m.BatchNorm2d(2, { momentum: null }),
  batch_norm2d_no_affine: () => new m.BatchNorm2d(2, { affine: false, eps: 1e-3 }),
  batch_norm2d_untracked_eval: () => new m.BatchNorm2d(2, { trackRunningStats: false }),
  layer_norm: () => new m.LayerNorm([3, 4]),
  layer_norm_no_affine: () => new m.LayerNorm(5, { elementwiseAffine: false, eps: 1e-3 }),
  group_norm: () => new m.GroupNorm(2, 6),
  group_norm_no_affine: () => new m.GroupNorm(3, 3, { affine: false }),
  embedding: () => new m.Embedding(10, 3),
  embedding_padding: () => new m.Embedding(6, 4, { paddingIdx: 0 }),
  prelu: () => new m.PReLU(),
  prelu_channels: () => new m.PReLU(3, 0.1),
  relu: () => new m.ReLU(),
  leaky_relu: () => new m.LeakyReLU(0.2),
  elu: () => new m.ELU(0.5),
  selu: () => new m.SELU(),
  gelu: () => new m.GELU(),
  gelu_tanh: () => new m.GELU('tanh'),
  silu: () => new m.SiLU(),
  mish: () => new m.Mish(),
  sigmoid: () => new m.Sigmoid(),
  tanh: () => new m.Tanh(),
  softplus: () => new m.Softplus(2, 5),
  softmax: () => new m.Softmax(1),
  log_softmax: () => new m.LogSoftmax(0),
  flatten: () => new m.Flatten(),
  unflatten: () => new m.Unflatten(1, [2, 3]),
  dropout_eval: () => new m.Dropout(0.5),
};
for (const [name, make] of Object.entries(L)) moduleCase(`layer/${name}`, make);

moduleCase('model/cnn', cnn);
moduleCase('model/cnn_eval', cnn);
moduleCase('model/named_cnn', namedCnn);
