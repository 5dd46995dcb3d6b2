/** Tanh: tanh(x), as a module (PyTorch's nn.Tanh). */
import type { Tensor } from '../../tensor/tensor.js';
import { tanh } from '../../ops/primitives/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new Tanh().call(tensor([0])).toArray() // [0]
 */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
