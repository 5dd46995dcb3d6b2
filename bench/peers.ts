/**
 * Training and inference side by side: Myelin (native at 1 and 2 threads, js) against PyTorch
 * (bench/torch_train.py via /usr/bin/python3), TensorFlow.js cpu/wasm and onnxruntime-node, each
 * in its own child process so one cannot slow or pollute another. Peers that are missing are
 * skipped with a printed note. Synthetic random data of MNIST shape (see spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFER_SPECS, TRAIN_SPECS, type bench_result, type bench_spec, spec_key } from './spec.js';

type column = Map<string, number | null>;
interface child_out { results?: bench_result[]; max_rss_mb?: number; onnx?: Record<string, string>; threads?: number; backend?: string }

const PY = '/usr/bin/python3';
const notes: string[] = [];

/** Runs a child, returns its last JSON stdout line, or null (with a note) when it fails. */
function run_child(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): child_out | null {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 1 << 24 });
  const line = (r.stdout ?? '').trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (r.status !== 0 || line === undefined) {
    const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
    notes.push(`${label}: failed (exit ${r.status}) ${why}`);
    return null;
  }
  const out = JSON.parse(line) as child_out;
  for (const res of out.results ?? []) if (res.note) notes.push(`${label}, ${res.key}: ${res.note}`);
  return out;
}

function to_column(out: child_out | null): column {
  return new Map((out?.results ?? []).map((r) => [r.key, r.samples_per_s]));
}

function node_child(label: string, script: string, payload: object, env: NodeJS.ProcessEnv = process.env): child_out | null {
  return run_child(label, process.execPath, ['--import', 'tsx', script, JSON.stringify(payload)], env);
}

function myelin(backend: 'native' | 'js', threads: number | undefined, specs: bench_spec[], roundMs: number): child_out | null {
  const label = `myelin ${backend}${threads ? ` ${threads}t` : ''}`;
  const out = node_child(label, 'bench/myelin_worker.ts', { threads, round_ms: roundMs, specs }, { ...process.env, MYELIN_BACKEND: backend });
  if (out && out.backend !== backend) { notes.push(`${label}: got backend '${out.backend}', column dropped`); return null; }
  return out;
}

/** The environment for the PyTorch peer: OpenBLAS's forced core type and L2 size removed. */
function torch_env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  return env;
}

interface torch_config { name: string; threads: number; env: Record<string, string> }
const TORCH_CONFIGS: torch_config[] = [
  { name: '1t: torch 1 + OPENBLAS_NUM_THREADS=1', threads: 1, env: { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' } },
  { name: 'A: torch 2 + OPENBLAS_NUM_THREADS=1', threads: 2, env: { OPENBLAS_NUM_THREADS: '1' } },
  { name: 'B: torch 2 + OMP_WAIT_POLICY=PASSIVE', threads: 2, env: { OMP_WAIT_POLICY: 'PASSIVE' } },
  { name: 'C: torch 2 + OPENBLAS_NUM_THREADS=1 + PASSIVE', threads: 2, env: { OPENBLAS_NUM_THREADS: '1', OMP_WAIT_POLICY: 'PASSIVE' } },
  { name: 'D: torch default 1 (OpenBLAS 2, PASSIVE)', threads: 1, env: { OMP_WAIT_POLICY: 'PASSIVE' } },
];

const ORT_CONFIGS = [
  { name: 'S: 2 intra-op threads, spinning (default)', threads: 2, spin: true },
  { name: 'N: 2 intra-op threads, allow_spinning=0', threads: 2, spin: false },
  { name: '1: 1 intra-op thread', threads: 1, spin: true },
];

/** Best of the configurations per row, and which one won it. */
function best_of(cols: { name: string; col: column }[]): { col: column; which: Map<string, string> } {
  const col: column = new Map();
  const which = new Map<string, string>();
  for (const { name, col: c } of cols) {
    for (const [k, v] of c) {
      if (v !== null && v > (col.get(k) ?? -1)) { col.set(k, v); which.set(k, name.split(':')[0]!); }
    }
  }
  return { col, which };
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}
function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a && b ? `${(a / b).toFixed(2)}x` : '—';
}

function print_table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log(line(header));
  console.log('| ' + widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ') + ' |');
  for (const r of rows) console.log(line(r));
}

/** Runs every peer and prints the samples/s table, the ratios, peak RSS and the notes. */
export function run_peer_bench(roundMs = 600): void {
  const all: bench_spec[] = [...TRAIN_SPECS, ...INFER_SPECS];
  console.log('\nTraining and inference, samples/s (synthetic MNIST-shape data; LeNet: 28x28, padding 2 on conv1)');
  const n1 = to_column(myelin('native', 1, all, roundMs));
  const n2 = to_column(myelin('native', 2, all, roundMs));
  const js = to_column(myelin('js', undefined, all, roundMs));

  const onnxDir = mkdtempSync(join(tmpdir(), 'myelin-onnx-'));
  const torchCols: { name: string; col: column; threads: number }[] = [];
  let onnx: Record<string, string> = {};
  if (!existsSync(PY)) notes.push(`PyTorch: ${PY} not found, skipped`);
  else {
    for (const c of TORCH_CONFIGS) {
      const out = run_child(`pytorch ${c.name}`, PY, ['bench/torch_train.py', String(c.threads), String(roundMs), ...(torchCols.length === 0 ? [onnxDir] : [])], torch_env(c.env));
      if (out?.onnx && Object.keys(out.onnx).length > 0) onnx = out.onnx;
      if (out) torchCols.push({ name: c.name, col: to_column(out), threads: c.threads });
    }
  }
  const t1 = best_of(torchCols.filter((c) => c.name.startsWith('1t')));
  const t2 = best_of(torchCols.filter((c) => !c.name.startsWith('1t')));

  const tfc = to_column(node_child('tfjs cpu', 'bench/tfjs_worker.ts', { backend: 'cpu', round_ms: roundMs / 2, specs: all }));
  const tfw = to_column(node_child('tfjs wasm', 'bench/tfjs_worker.ts', { backend: 'wasm', round_ms: roundMs / 2, specs: all }));
  const ortCols: { name: string; col: column }[] = [];
  if (Object.keys(onnx).length === 0) notes.push('onnxruntime-node: no ONNX files (PyTorch export missing), skipped');
  else {
    for (const c of ORT_CONFIGS) {
      const payload = { onnx, threads: c.threads, spin: c.spin, round_ms: roundMs, specs: INFER_SPECS };
      ortCols.push({ name: c.name, col: to_column(node_child(`onnxruntime ${c.name}`, 'bench/ort_worker.ts', payload)) });
    }
  }
  const ort = best_of(ortCols);
  rmSync(onnxDir, { recursive: true, force: true });

  const keys = all.map(spec_key);
  print_table(
    ['', 'Myelin native 1t', 'Myelin native 2t', 'Myelin js', 'PyTorch 1t', 'PyTorch 2t (best cfg)', 'tfjs cpu', 'tfjs wasm', 'ORT (best cfg)'],
    keys.map((k) => [k, fmt(n1.get(k)), fmt(n2.get(k)), fmt(js.get(k)), fmt(t1.col.get(k)), `${fmt(t2.col.get(k))} ${t2.which.get(k) ?? ''}`.trim(),
      fmt(tfc.get(k)), fmt(tfw.get(k)), `${fmt(ort.col.get(k))} ${ort.which.get(k) ?? ''}`.trim()]),
  );
  console.log('\nRatios (Myelin / peer; > 1 means Myelin is faster)');
  print_table(
    ['', 'native 1t / PyTorch 1t', 'native 2t / PyTorch 2t', 'native 2t / tfjs best', 'native 2t / ORT best'],
    keys.map((k) => [k, ratio(n1.get(k), t1.col.get(k)), ratio(n2.get(k), t2.col.get(k)),
      ratio(n2.get(k), Math.max(tfc.get(k) ?? 0, tfw.get(k) ?? 0) || null), ratio(n2.get(k), ort.col.get(k))]),
  );
  if (ortCols.length) console.log('\nonnxruntime-node configurations:\n' + ORT_CONFIGS.map((c) => `  ${c.name}`).join('\n'));
  if (torchCols.length) console.log('\nPyTorch configurations (env for that command only; OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE unset):\n' + TORCH_CONFIGS.map((c) => `  ${c.name}`).join('\n'));

  const spec64: bench_spec = { kind: 'train', model: 'mlp', batch: 64, opt: 'sgd' };
  const spec256: bench_spec = { kind: 'train', model: 'mlp', batch: 256, opt: 'adam' };
  const base = myelin('native', 2, [], roundMs)?.max_rss_mb;
  const r64 = myelin('native', 2, [spec64], roundMs)?.max_rss_mb;
  const r256 = myelin('native', 2, [spec256], roundMs)?.max_rss_mb;
  console.log(`\nPeak RSS (process.resourceUsage().maxRSS, child process, native 2t): MLP b64 SGD ${fmt(r64)} MB, MLP b256 Adam ${fmt(r256)} MB; node+tsx+Myelin with no run ${fmt(base)} MB`);
  if (notes.length) console.log('\nNotes:\n' + notes.map((n) => `  - ${n}`).join('\n'));
}
