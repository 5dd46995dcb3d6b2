/** SELU: scale·(max(0, x) + min(0, α(eˣ − 1))), self-normalising, as a module (PyTorch's nn.SELU). */
import type { Tensor } from '../../tensor/tensor.js';
import { selu } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new SELU().call(tensor([0])).toArray() // [0]
 */
export class SELU extends Module {
  forward(x: Tensor): Tensor {
    return selu(x);
  }
}
