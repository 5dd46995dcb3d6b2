/**
 * Memory stays flat in a training loop: a 2-16-1 tanh MLP trained with plain SGD for 10,000
 * steps, printing the heap (after a forced GC) every 1,000 steps. There is no dispose(): each
 * backward frees its graph's saved tensors, and the garbage collector does the rest.
 *
 *   node --import tsx examples/memory_flat.ts [steps]
 *
 * test/core/memory.test.ts runs the same model for 2,000 steps and asserts the bound.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { type Tensor, Generator, add, matmul, mean, mul, noGrad, randn, square, sub, tanh, tensor, zeros } from '../src/index.js';

/** A full GC, without needing `node --expose-gc` on the command line. */
export function makeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  // NOTE: twice: the first GC may leave dead ArrayBuffers' memory to a sweeper that the second
  // one finishes (typed arrays the native addon has touched showed up as MBs of false growth)
  return () => {
    gc();
    gc();
  };
}

export interface Mlp {
  w1: Tensor; // [2, 16]
  b1: Tensor; // [16]
  w2: Tensor; // [16, 1]
  b2: Tensor; // [1]
}

/** Parameters of a 2-16-1 MLP, weights in [in, out] layout. */
export function makeMlp(seed = 0): Mlp {
  const generator = new Generator(seed);
  return {
    w1: mul(randn([2, 16], { generator }), Math.SQRT1_2).requiresGrad_(),
    b1: zeros([16], { requiresGrad: true }),
    w2: mul(randn([16, 1], { generator }), 0.25).requiresGrad_(),
    b2: zeros([1], { requiresGrad: true }),
  };
}

/** 64 points of y = sin(2 x0) · x1 on [-1, 1]²: x [64, 2], y [64, 1]. */
export function makeData(): { x: Tensor; y: Tensor } {
  const g = new Generator(123);
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 64; i++) {
    const p = [2 * g.nextFloat() - 1, 2 * g.nextFloat() - 1];
    xs.push(p);
    ys.push([Math.sin(2 * p[0]!) * p[1]!]);
  }
  return { x: tensor(xs), y: tensor(ys) };
}

/** Mean squared error of the MLP on (x, y). x: [N, 2], y: [N, 1] -> 0-d. */
export function loss(m: Mlp, x: Tensor, y: Tensor): Tensor {
  const h = tanh(add(matmul(x, m.w1), m.b1));
  const out = add(matmul(h, m.w2), m.b2);
  return mean(square(sub(out, y)));
}

/** One SGD step (p ← p − lr·∂L/∂p, fresh leaves each step); returns the loss before the step. */
export function sgdStep(m: Mlp, x: Tensor, y: Tensor, lr = 0.1): number {
  const l = loss(m, x, y);
  l.backward();
  for (const k of Object.keys(m) as (keyof Mlp)[]) {
    const p = m[k];
    m[k] = noGrad(() => sub(p, mul(p.grad!, lr))).requiresGrad_();
  }
  return l.item();
}

/** JS heap in use, and the typed-array storage outside it (tensor data lives there), in MB. */
export function memoryMB(): { heap: number; buffers: number } {
  const u = process.memoryUsage();
  return { heap: u.heapUsed / 2 ** 20, buffers: u.arrayBuffers / 2 ** 20 };
}

function main(): void {
  const steps = Number(process.argv[2] ?? 10000);
  const gc = makeGc();
  const m = makeMlp();
  const { x, y } = makeData();
  const t0 = Date.now();
  for (let step = 1; step <= steps; step++) {
    const l = sgdStep(m, x, y);
    if (step % 1000 === 0) {
      gc();
      const { heap, buffers } = memoryMB();
      console.log(`step ${String(step).padStart(6)}  loss ${l.toFixed(5)}  heapUsed ${heap.toFixed(2)} MB  arrayBuffers ${buffers.toFixed(2)} MB`);
    }
  }
  console.log(`${steps} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
