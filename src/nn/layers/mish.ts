/** Mish: x·tanh(softplus(x)), as a module (PyTorch's nn.Mish). */
import type { Tensor } from '../../tensor/tensor.js';
import { mish } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new Mish().call(tensor([0])).toArray() // [0]
 */
export class Mish extends Module {
  forward(x: Tensor): Tensor {
    return mish(x);
  }
}
