/**
 * Shared by the fused-kernel tests (native_fused*.test.ts): run a computation with the fused
 * paths on and off, compare with a tolerance (NaN equals NaN), take values and gradients, and the
 * conv geometries that reach every branch of the native conv forward, and the linear cases.
 */
import assert from 'node:assert/strict';
import { type Conv2dOptions, type Tensor, getBackend, gradients, manualSeed, randn, setBackend } from '../../src/index.js';
import { fusedKernels, setFusedEnabled } from '../../src/backend/native/fused.js';

/** Runs f with the fused paths on and off (native backend): [fused, composite] results. */
export function both<T>(f: () => T): [T, T] {
  const prev = getBackend().name;
  setBackend('native');
  try {
    setFusedEnabled(true);
    assert.ok(fusedKernels(), 'the addon has the fused kernels');
    const a = f();
    setFusedEnabled(false);
    const b = f();
    return [a, b];
  } finally {
    setFusedEnabled(true);
    setBackend(prev);
  }
}

export function close(a: Tensor, b: Tensor, tol: number, what: string): void {
  assert.deepEqual(a.shape, b.shape, `${what}: shape`);
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  for (let i = 0; i < x.length; i++) {
    const [u, v] = [Number(x[i]), Number(y[i])];
    if (u === v) continue;
    if (Number.isNaN(v)) assert.ok(Number.isNaN(u), `${what}[${i}]: ${u} vs NaN`);
    else assert.ok(Math.abs(u - v) <= tol * (1 + Math.abs(v)), `${what}[${i}]: fused ${u} vs composite ${v}`);
  }
}

/** Forward value and gradients of sum(out · r) with respect to `params`. */
export function valueAndGrads(make: () => { out: Tensor; params: Tensor[] }, seed: number): Tensor[] {
  manualSeed(seed);
  const { out, params } = make();
  const r = randn(out.shape, { dtype: out.dtype });
  const gs = gradients([out.mul(r).sum()], params);
  return [out.detach(), ...gs];
}

export const CONVS = [
  { x: [2, 3, 9, 8], w: [4, 3, 3, 3], opts: {} },
  { x: [3, 1, 28, 28], w: [6, 1, 5, 5], opts: { padding: 2 } },
  { x: [2, 2, 11, 10], w: [5, 2, 3, 2], opts: { stride: [2, 3], padding: [1, 2], dilation: [2, 1] } },
  { x: [1, 4, 6, 6], w: [3, 4, 1, 1], opts: {} },
  { x: [2, 2, 5, 5], w: [2, 2, 3, 3], opts: { padding: 4, stride: 2 } },
  // O = 16 and 12: dW computed transposed (cols · dYᵀ), wide and general layouts
  { x: [3, 6, 10, 10], w: [16, 6, 5, 5], opts: {} },
  { x: [2, 3, 9, 9], w: [12, 3, 3, 3], opts: { stride: 2, padding: 1 } },
  // stride 1 (the AVX2 implicit GEMM): a block under 16 columns with O = 7 (rows 6 + 1), dilation
  { x: [2, 2, 4, 3], w: [7, 2, 2, 2], opts: {} },
  { x: [2, 3, 12, 11], w: [5, 3, 3, 3], opts: { dilation: 2, padding: 1 } },
  // the tile epilogue writing NCHW rows: a row of exactly 16, one of 38 (16 + 16 + a tile ending
  // at the row's end), one of 1 (masked), O = 13 (6 + 6 + 1)
  { x: [2, 2, 18, 18], w: [13, 2, 3, 3], opts: {} },
  { x: [1, 3, 5, 40], w: [7, 3, 3, 3], opts: {} },
  { x: [2, 2, 6, 3], w: [4, 2, 3, 3], opts: {} },
] as const;

export const LINEARS = [
  { x: [64, 784], w: [256, 784], bias: true, xGrad: false },
  { x: [5, 3], w: [7, 3], bias: true, xGrad: true },
  { x: [2, 3, 9], w: [4, 9], bias: false, xGrad: true },
  { x: [0, 4], w: [3, 4], bias: true, xGrad: true },
] as const;

type ConvOp = (x: Tensor, w: Tensor, b: Tensor | null, opts: Conv2dOptions) => Tensor;
type LinearOp = (x: Tensor, w: Tensor, b: Tensor | null) => Tensor;

/** `op` fused against composite on every CONVS case, with and without bias: values, dx, dw, db. */
export function checkConvs(op: ConvOp, what: string, seed: number): void {
  CONVS.forEach((c, i) => {
    for (const useBias of [true, false]) {
      const make = (): { out: Tensor; params: Tensor[] } => {
        const x = randn([...c.x], { requiresGrad: true });
        const w = randn([...c.w], { requiresGrad: true });
        const b = useBias ? randn([c.w[0]], { requiresGrad: true }) : null;
        return { out: op(x, w, b, c.opts as Conv2dOptions), params: b ? [x, w, b] : [x, w] };
      };
      const [f, r] = both(() => valueAndGrads(make, seed + i));
      f.forEach((t, j) => close(t, r[j]!, 1e-4, `${what} ${i} bias=${useBias} out ${j}`));
    }
  });
}

/** `op` fused against composite on every LINEARS case: values and the wanted gradients. */
export function checkLinears(op: LinearOp, what: string, seed: number): void {
  LINEARS.forEach((c, i) => {
    const make = (): { out: Tensor; params: Tensor[] } => {
      const x = randn([...c.x], { requiresGrad: c.xGrad });
      const w = randn([...c.w], { requiresGrad: true });
      const b = c.bias ? randn([c.w[0]], { requiresGrad: true }) : null;
      return { out: op(x, w, b), params: [...(c.xGrad ? [x] : []), w, ...(b ? [b] : [])] };
    };
    const [f, r] = both(() => valueAndGrads(make, seed + i));
    f.forEach((t, j) => close(t, r[j]!, 1e-4, `${what} ${i} out ${j}`));
  });
}
