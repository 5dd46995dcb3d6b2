/**
 * Step time of `fit` with and without the Diagnostics callback at its default sampling (every
 * 10th step), on an MNIST-sized MLP (784-256-128-10) and a small LeNet-ish CNN, batch 64,
 * synthetic data. Rounds alternate (plain, watched, plain, …) so drift in machine load hits both
 * alike; the figure is the median round, in wall time and in process CPU time (steadier on a
 * shared machine), and the fastest round of each. Also times one sampled step's extra work alone.
 * Run: node --import tsx bench/diagnostics_overhead.ts  (MYELIN_BACKEND picks the backend;
 * BENCH_ROUNDS, default 7, and BENCH_STEPS, default 60, size it).
 */
import { loadavg } from 'node:os';
import {
  Sequential, Linear, ReLU, Conv2d, MaxPool2d, Flatten, Diagnostics, DiagnosticsMonitor, compile, fit, trainOnBatch, noGrad, manualSeed, randn, randint, getBackend,
  getNumThreads, type Module, type Tensor,
} from '../src/index.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const STEPS = Number(process.env['BENCH_STEPS'] ?? 60);
const BATCH = 64;

interface Case {
  name: string;
  build: () => Module;
  input: number[];
}

const CASES: Case[] = [
  { name: 'MLP 784-256-128-10', input: [784], build: () => new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10)) },
  {
    name: 'CNN (LeNet-5 shape)',
    input: [1, 28, 28],
    build: () => new Sequential(
      new Conv2d(1, 6, 5, { padding: 2 }), new ReLU(), new MaxPool2d(2), new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
      new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
    ),
  },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** [wall ms, process CPU ms] per step of one fit epoch of STEPS batches. */
async function timeFit(model: Module, x: Tensor, y: Tensor, watch: boolean): Promise<[number, number]> {
  const callbacks = watch ? [new Diagnostics()] : [];
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  await fit(model, x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0, callbacks });
  const cpu = process.cpuUsage(c0);
  return [(performance.now() - t0) / STEPS, (cpu.user + cpu.system) / 1000 / STEPS];
}

/** ms of the monitor's own work on one sampled step: weight snapshot, forward hooks, norms, rules. */
function timeSampledStep(model: Module, x: Tensor, y: Tensor): number {
  compile(model, { optimizer: 'adam', lr: 1e-3, loss: 'crossEntropy' });
  const [xb, yb] = [x.narrow(0, 0, BATCH), y.narrow(0, 0, BATCH)];
  trainOnBatch(model, xb, yb); // leaves gradients on the parameters, as after a step
  const mon = new DiagnosticsMonitor(model, { every: 1 });
  const [watched, plain] = [[] as number[], [] as number[]];
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    mon.beginStep(i);
    noGrad(() => model.call(xb));
    mon.endStep(1);
    watched.push(performance.now() - t);
    t = performance.now();
    noGrad(() => model.call(xb)); // not in a step: the hooks return at once
    plain.push(performance.now() - t);
  }
  mon.detach();
  // NOTE: the fastest of each, so that a load spike on a shared machine does not count as our cost
  return Math.max(0, Math.min(...watched) - Math.min(...plain));
}

async function main(): Promise<void> {
  console.log(`diagnostics overhead: backend ${getBackend().name}, ${getNumThreads()} thread(s), batch ${BATCH}, ${STEPS} steps × ${ROUNDS} rounds each, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| model | step, plain (wall, cpu) | step, diagnostics every 10 | overhead (wall, cpu) | one sampled step’s extra work |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of CASES) {
    manualSeed(0);
    const model = compile(c.build(), { optimizer: 'adam', lr: 1e-3, loss: 'crossEntropy' });
    const x = randn([STEPS * BATCH, ...c.input]);
    const y = randint(0, 10, [STEPS * BATCH], { dtype: 'int32' });
    await timeFit(model, x, y, false); // warm-up: JIT and allocator
    await timeFit(model, x, y, true);
    const plain: number[] = [];
    const watched: number[] = [];
    const plainCpu: number[] = [];
    const watchedCpu: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [p, pc] = await timeFit(model, x, y, false);
      const [w, wc] = await timeFit(model, x, y, true);
      plain.push(p);
      plainCpu.push(pc);
      watched.push(w);
      watchedCpu.push(wc);
    }
    const [p, w] = [median(plain), median(watched)];
    const [pc, wc] = [median(plainCpu), median(watchedCpu)];
    const extra = timeSampledStep(c.build(), x, y);
    const pct = (a: number, b: number): string => `${((100 * (b - a)) / a).toFixed(1)}%`;
    const best = pct(Math.min(...plain), Math.min(...watched));
    console.log(`| ${c.name} | ${p.toFixed(2)} ms (cpu ${pc.toFixed(2)}) | ${w.toFixed(2)} ms (cpu ${wc.toFixed(2)}) | ${pct(p, w)} (cpu ${pct(pc, wc)}, fastest rounds ${best}) | ${extra.toFixed(2)} ms (÷10 = ${((100 * extra) / 10 / p).toFixed(1)}% of a step) |`);
  }
}

await main();
