/**
 * The seed document's two-layer tanh network, made right: 2 inputs -> 2 tanh hidden units ->
 * 1 tanh output, mean-squared error, plain gradient descent, trained on XOR.
 *
 * The gradients are computed twice: once by hand with the chain rule (written with tensor ops),
 * once by autograd. examples/seed_two_layer.test.ts checks that they agree.
 *
 * Run: npm run demo   (or: node --import tsx examples/seed_two_layer.ts)
 */
import { pathToFileURL } from 'node:url';
import { Generator, Tensor, matmul, mean, mul, noGrad, randn, square, sub, sum, tanh, tensor, add } from '../src/index.js';

/** Weights in [in, out] layout, so a layer is z = x·W + b. */
export interface Params {
  w1: Tensor; // [2, 2]
  b1: Tensor; // [2]
  w2: Tensor; // [2, 1]
  b2: Tensor; // [1]
}

export const X = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]); // [4, 2]
export const Y = tensor([[0], [1], [1], [0]]); // [4, 1]: XOR

export function initParams(seed = 3, dtype: 'float32' | 'float64' = 'float32'): Params {
  const g = new Generator(seed);
  const r = (shape: number[]): Tensor => randn(shape, { generator: g, dtype });
  return { w1: r([2, 2]), b1: r([2]), w2: r([2, 1]), b2: r([1]) };
}

/** Forward pass, keeping the intermediate values the hand-written backward needs. */
export function forward(p: Params, x: Tensor) {
  const z1 = add(matmul(x, p.w1), p.b1); // [N, 2]   z = Wx + b
  const a1 = tanh(z1); //                  [N, 2]   a = f(z)
  const z2 = add(matmul(a1, p.w2), p.b2); // [N, 1]
  const a2 = tanh(z2); //                  [N, 1]
  return { z1, a1, z2, a2 };
}

/** L = mean((a2 − y)²) */
export function loss(a2: Tensor, y: Tensor): Tensor {
  return mean(square(sub(a2, y)));
}

/** dL/dθ by hand: the chain rule applied layer by layer, from the loss back to the input. */
export function manualGrads(p: Params, x: Tensor, y: Tensor): Params {
  return noGrad(() => {
    const n = x.shape[0]!;
    const { a1, a2 } = forward(p, x);
    // L = (1/N) Σ (a2 − y)²            =>  dL/da2 = 2 (a2 − y) / N
    const da2 = mul(sub(a2, y), 2 / n); // [N, 1]
    // a2 = tanh(z2), tanh' = 1 − tanh² =>  dL/dz2 = dL/da2 ⊙ (1 − a2²)
    const dz2 = mul(da2, sub(1, square(a2))); // [N, 1]
    // z2 = a1·W2 + b2                  =>  dL/dW2 = a1ᵀ·dz2,  dL/db2 = Σ_n dz2
    const dw2 = matmul(a1.mT(), dz2); // [2, 1]
    const db2 = sum(dz2, 0); // [1]
    // ... and the error flows back through W2: dL/da1 = dz2·W2ᵀ
    const da1 = matmul(dz2, p.w2.mT()); // [N, 2]
    // a1 = tanh(z1)                    =>  dL/dz1 = dL/da1 ⊙ (1 − a1²)
    // (the seed forgot this factor: the hidden layer's own activation derivative)
    const dz1 = mul(da1, sub(1, square(a1))); // [N, 2]
    // z1 = x·W1 + b1                   =>  dL/dW1 = xᵀ·dz1,  dL/db1 = Σ_n dz1
    const dw1 = matmul(x.mT(), dz1); // [2, 2]
    const db1 = sum(dz1, 0); // [2]
    return { w1: dw1, b1: db1, w2: dw2, b2: db2 };
  });
}

/** dL/dθ by autograd: mark the parameters, run forward and loss, call backward(). */
export function autogradGrads(p: Params, x: Tensor, y: Tensor): Params {
  const q = { w1: p.w1.detach().requiresGrad_(), b1: p.b1.detach().requiresGrad_(), w2: p.w2.detach().requiresGrad_(), b2: p.b2.detach().requiresGrad_() };
  loss(forward(q, x).a2, y).backward();
  return { w1: q.w1.grad!, b1: q.b1.grad!, w2: q.w2.grad!, b2: q.b2.grad! };
}

/** Plain gradient descent: θ ← θ − lr·∇θ L. Returns the loss after each step. */
export function train(p: Params, steps: number, lr: number, useAutograd = true): { params: Params; losses: number[] } {
  const losses: number[] = [];
  let cur = p;
  for (let s = 0; s < steps; s++) {
    const g = useAutograd ? autogradGrads(cur, X, Y) : manualGrads(cur, X, Y);
    cur = noGrad(() => ({
      w1: sub(cur.w1, mul(g.w1, lr)),
      b1: sub(cur.b1, mul(g.b1, lr)),
      w2: sub(cur.w2, mul(g.w2, lr)),
      b2: sub(cur.b2, mul(g.b2, lr)),
    }));
    losses.push(noGrad(() => loss(forward(cur, X).a2, Y)).item());
  }
  return { params: cur, losses };
}

function main(): void {
  const p = initParams();
  const g1 = manualGrads(p, X, Y);
  const g2 = autogradGrads(p, X, Y);
  console.log('dL/dW1 by hand:    ', JSON.stringify(g1.w1.toArray()));
  console.log('dL/dW1 by autograd:', JSON.stringify(g2.w1.toArray()));
  console.log(`initial loss ${noGrad(() => loss(forward(p, X).a2, Y)).item().toFixed(4)}`);
  const { params, losses } = train(p, 2000, 0.3);
  for (let s = 199; s < losses.length; s += 200) console.log(`step ${String(s + 1).padStart(4)}  loss ${losses[s]!.toFixed(5)}`);
  const out = noGrad(() => forward(params, X).a2);
  console.log('XOR predictions:', out.toFlatArray().map((v) => v.toFixed(3)).join(' '), '(targets 0 1 1 0)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
