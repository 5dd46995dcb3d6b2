/** ReLU: max(x, 0), as a module (PyTorch's nn.ReLU). */
import type { Tensor } from '../../tensor/tensor.js';
import { relu } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new ReLU().call(tensor([-1, 2])).toArray() // [0, 2]
 */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}
