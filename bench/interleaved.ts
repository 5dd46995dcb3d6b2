/**
 * Side-by-side peer comparison under a noisy machine: Myelin native (1 and 2 threads), PyTorch
 * (1t, and 2 torch threads with OMP_WAIT_POLICY=PASSIVE) and onnxruntime-node (1 thread, and 2
 * spinning threads) are run in ROUNDS interleaved rounds, so a burst of load hits every column
 * alike; each cell is the best of its rounds. Usage: node --import tsx bench/interleaved.ts
 * [rounds=3]. Same workloads and workers as bench/peers.ts (npm run bench). BENCH_ONLY=sub1,sub2
 * keeps the rows whose key contains one of the substrings (e.g. BENCH_ONLY="mlp b64 sgd").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFER_SPECS, TRAIN_SPECS, type bench_result, type bench_spec, spec_key } from './spec.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const ROUND_MS = Number(process.env['BENCH_ROUND_MS'] ?? 600);
const only = (process.env['BENCH_ONLY'] ?? '').split(',').filter(Boolean);
const wanted = (s: bench_spec): boolean => only.length === 0 || only.some((o) => spec_key(s).includes(o));
const all = [...TRAIN_SPECS, ...INFER_SPECS].filter(wanted);
const infer = INFER_SPECS.filter(wanted);
const onnxDir = mkdtempSync(join(tmpdir(), 'myelin-onnx-'));
let onnx: Record<string, string> = {};

function child(cmd: string, args: string[], env: NodeJS.ProcessEnv): { results?: bench_result[]; onnx?: Record<string, string> } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 1 << 24 });
  const line = (r.stdout ?? '').trim().split('\n').reverse().find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : {};
}
const torchEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env = { ...process.env, ...extra };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  return env;
};
const node = (script: string, payload: object, env: NodeJS.ProcessEnv = process.env) => child(process.execPath, ['--import', 'tsx', script, JSON.stringify(payload)], env);

const COLUMNS: Record<string, () => ReturnType<typeof child>> = {
  'Myelin 1t': () => node('bench/myelin_worker.ts', { threads: 1, round_ms: ROUND_MS, specs: all }, { ...process.env, MYELIN_BACKEND: 'native' }),
  'PyTorch 1t': () => {
    const out = child('/usr/bin/python3', ['bench/torch_train.py', '1', String(ROUND_MS), onnxDir], torchEnv({ OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' }));
    if (out.onnx && Object.keys(out.onnx).length) onnx = out.onnx;
    return out;
  },
  'ORT 1t': () => node('bench/ort_worker.ts', { onnx, threads: 1, spin: true, round_ms: ROUND_MS, specs: infer }),
  'Myelin 2t': () => node('bench/myelin_worker.ts', { threads: 2, round_ms: ROUND_MS, specs: all }, { ...process.env, MYELIN_BACKEND: 'native' }),
  'PyTorch 2t': () => child('/usr/bin/python3', ['bench/torch_train.py', '2', String(ROUND_MS)], torchEnv({ OMP_WAIT_POLICY: 'PASSIVE' })),
  'ORT 2t': () => node('bench/ort_worker.ts', { onnx, threads: 2, spin: true, round_ms: ROUND_MS, specs: infer }),
};

const best = new Map<string, Map<string, number>>(Object.keys(COLUMNS).map((c) => [c, new Map()]));
const loads: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(COLUMNS)) {
    loads.push(loadavg()[0]!);
    for (const res of run().results ?? []) {
      if (res.samples_per_s !== null) best.get(name)!.set(res.key, Math.max(best.get(name)!.get(res.key) ?? 0, res.samples_per_s));
    }
  }
}
rmSync(onnxDir, { recursive: true, force: true });
const cols = Object.keys(COLUMNS);
const f = (v: number | undefined): string => (v === undefined ? '—' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const q = (a: number | undefined, b: number | undefined): string => (a && b ? `${(a / b).toFixed(2)}x` : '—');
console.log(`best of ${ROUNDS} interleaved rounds, load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log(`| samples/s | ${cols.join(' | ')} | 1t / PyTorch 1t | 2t / PyTorch 2t | best Myelin / best ORT |`);
console.log(`| --- |${cols.map(() => ' ---: |').join('')} ---: | ---: | ---: |`);
for (const s of all) {
  const k = spec_key(s);
  const v = (c: string): number | undefined => best.get(c)!.get(k);
  const my = Math.max(v('Myelin 1t') ?? 0, v('Myelin 2t') ?? 0);
  const ort = Math.max(v('ORT 1t') ?? 0, v('ORT 2t') ?? 0) || undefined;
  console.log(`| ${k} | ${cols.map((c) => f(v(c))).join(' | ')} | ${q(v('Myelin 1t'), v('PyTorch 1t'))} | ${q(v('Myelin 2t'), v('PyTorch 2t'))} | ${s.kind === 'infer' ? q(my, ort) : '—'} |`);
}
