/** SiLU: x·σ(x) (swish), as a module (PyTorch's nn.SiLU). */
import type { Tensor } from '../../tensor/tensor.js';
import { silu } from '../../ops/composite/index.js';
import { Module } from '../module.js';

/**
 * x: any shape -> same shape. No parameters.
 * @example new SiLU().call(tensor([0])).toArray() // [0]
 */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}
