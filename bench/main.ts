/**
 * `npm run bench`: benchmarks printed as tables.
 * - matmul GFLOP/s on the default backend (MYELIN_BACKEND picks it) at N = 256, 512, 1024
 *   (float32), next to a naive i-k-j Float32Array loop measured in the same process (the ratio is the figure to watch);
 * - op dispatch overhead in µs for a one-element add, with and without autograd recording.
 * - training and inference samples/s next to PyTorch, TensorFlow.js and onnxruntime-node, and
 *   peak RSS (bench/peers.ts).
 * Figures are measured, never asserted; record them in BENCHMARKS.md with the machine.
 * Flags: --peers-only (skip the micro-benchmarks), --no-peers. BENCH_ROUND_MS sets the length of
 * a timing round in the peer comparison (default 600).
 */
import { cpus } from 'node:os';
import { bmm, randn, add, noGrad, tensor, manualSeed, getBackend, getNumThreads } from '../src/index.js';
import { run_peer_bench } from './peers.js';

/** Best per-call time in ms over 5 rounds of at least minMs/5 each (after a warm-up). */
function timeIt(fn: () => void, minMs = 500): number {
  const w0 = performance.now();
  while (performance.now() - w0 < minMs / 2) fn(); // warm-up: let the JIT optimise first
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs / 5 || reps < 1) {
      fn();
      reps++;
      t = performance.now();
    }
    best = Math.min(best, (t - t0) / reps);
  }
  return best;
}

function naiveIkj(a: Float32Array, b: Float32Array, c: Float32Array, n: number): void {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      for (let j = 0; j < n; j++) c[i * n + j] = c[i * n + j]! + aik * b[k * n + j]!;
    }
  }
}

function micro_bench(): void {
  console.log(`matmul (float32, ${getBackend().name} backend, ${getNumThreads()} threads; MYELIN_BACKEND=js for the reference backend)`);
  console.log('   N | myelin GFLOP/s | naive ikj GFLOP/s | ratio');
  for (const n of [256, 512, 1024]) {
    const a = randn([1, n, n]);
    const b = randn([1, n, n]);
    const flops = 2 * n * n * n;
    const ms = timeIt(() => noGrad(() => bmm(a, b)));
    const na = a.toTypedArray() as Float32Array;
    const nb = b.toTypedArray() as Float32Array;
    const nc = new Float32Array(n * n);
    const msNaive = timeIt(() => naiveIkj(na, nb, nc, n));
    const g = flops / ms / 1e6;
    const gn = flops / msNaive / 1e6;
    console.log(`${String(n).padStart(4)} | ${g.toFixed(2).padStart(14)} | ${gn.toFixed(2).padStart(17)} | ${(g / gn).toFixed(2)}x`);
  }

  console.log('\nop dispatch overhead (one-element add)');
  const x = tensor([1]);
  const y = tensor([2]);
  const xg = tensor([1], { requiresGrad: true });
  const N = 200_000;
  const usPlain = (timeIt(() => noGrad(() => { for (let i = 0; i < N; i++) add(x, y); })) * 1000) / N;
  const usGrad = (timeIt(() => { for (let i = 0; i < N; i++) add(xg, y); }) * 1000) / N;
  console.log(`  no grad:          ${usPlain.toFixed(3)} µs/op`);
  console.log(`  recording graph:  ${usGrad.toFixed(3)} µs/op`);
}

manualSeed(0);
console.log(`Myelin bench — node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores\n`);
if (!process.argv.includes('--peers-only')) micro_bench();
if (!process.argv.includes('--no-peers')) run_peer_bench(Number(process.env['BENCH_ROUND_MS'] ?? 600));
