/** Sigmoid: σ(x) = 1 / (1 + e^(−x)), as a module (PyTorch's nn.Sigmoid). */
import type { Tensor } from '../../tensor/tensor.js';
import { sigmoid } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new Sigmoid().call(tensor([0])).toArray() // [0.5]
 */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}
