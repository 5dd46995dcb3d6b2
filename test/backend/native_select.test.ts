/**
 * Backend selection and the fallback path, each in a child process (the choice is made once per
 * process): native by default when the addon loads, MYELIN_BACKEND=js|native, and a missing or
 * broken addon -> js with one console line saying why. Also MYELIN_ISA (every kernel variant
 * this CPU runs passes the native tests) and the thread-count API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryAddon } from '../../src/backend/native/addon.js';
import { skip } from './native_helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PROBE = `
import * as m from './src/index.ts';
const y = m.add(m.tensor([1, 2]), 1);
m.mul(y, y);
const backend = m.getBackend().name;
let explicit = 'ok';
try { m.setBackend('native'); } catch (e) { explicit = e.constructor.name + ': ' + e.message; }
m.setBackend(backend);
let badThreads = '';
try { m.setNumThreads(0); } catch (e) { badThreads = e.constructor.name; }
m.setNumThreads(3);
console.log(JSON.stringify({ backend, available: m.availableBackends(), y: y.toArray(), explicit, badThreads, threads: m.getNumThreads() }));
`;

interface Probe {
  backend: string;
  available: string[];
  y: number[];
  explicit: string;
  badThreads: string;
  threads: number;
}

function run(env: Record<string, string>, script = PROBE): { out: Probe; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, MYELIN_BACKEND: '', MYELIN_NATIVE_ADDON: '', MYELIN_ISA: '', MYELIN_NUM_THREADS: '', ...env },
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, `child failed: ${res.stderr}`);
  return { out: JSON.parse(res.stdout.trim().split('\n').at(-1)!) as Probe, stderr: res.stderr };
}

const warnings = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('myelin:'));

test('a missing addon: everything runs on js and one line says why', () => {
  const { out, stderr } = run({ MYELIN_NATIVE_ADDON: join(ROOT, 'build/no-such-addon.node') });
  assert.equal(out.backend, 'js');
  assert.deepEqual(out.available, ['js']);
  assert.deepEqual(out.y, [2, 3]);
  assert.match(out.explicit, /^ArgumentError: native backend unavailable: native addon .*no-such-addon.node .*does not exist/);
  assert.equal(out.threads, 1, 'getNumThreads is 1 without the addon; setNumThreads is a no-op');
  assert.equal(out.badThreads, 'ArgumentError');
  const lines = warnings(stderr);
  assert.equal(lines.length, 1, `expected one warning line, got:\n${stderr}`);
  assert.match(lines[0]!, /^myelin: running on the js backend: native backend unavailable: .*no-such-addon.node/);
});

test('an addon that fails to load: js, and the loader error in the one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-addon-'));
  try {
    const bad = join(dir, 'broken.node');
    writeFileSync(bad, 'not a shared object');
    const { out, stderr } = run({ MYELIN_NATIVE_ADDON: bad });
    assert.equal(out.backend, 'js');
    const lines = warnings(stderr);
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /failed to load/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MYELIN_BACKEND=js keeps js without a word; a bad value says so once', () => {
  const { out, stderr } = run({ MYELIN_BACKEND: 'js' });
  assert.equal(out.backend, 'js');
  assert.deepEqual(warnings(stderr), []);
  const bad = run({ MYELIN_BACKEND: 'gpu' });
  assert.equal(bad.out.backend, 'js');
  assert.equal(warnings(bad.stderr).length, 1);
  assert.match(warnings(bad.stderr)[0]!, /MYELIN_BACKEND='gpu' is not js or native/);
});

test('native is the default when the addon loads, and MYELIN_BACKEND=native selects it', { skip }, () => {
  for (const env of [{}, { MYELIN_BACKEND: 'native' }] as Record<string, string>[]) {
    const { out, stderr } = run(env);
    assert.equal(out.backend, 'native');
    assert.deepEqual(out.available, ['js', 'native']);
    assert.equal(out.explicit, 'ok');
    assert.deepEqual(warnings(stderr), []);
  }
});

test('threads: MYELIN_NUM_THREADS and setNumThreads reach the pool when it is built in', { skip }, () => {
  const hasPool = tryAddon()!.info().threads;
  const script = `import * as m from './src/index.ts'; const a = m.getNumThreads(); m.setNumThreads(2); console.log(JSON.stringify({ a, b: m.getNumThreads() }));`;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, MYELIN_NUM_THREADS: '1' },
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, res.stderr);
  const { a, b } = JSON.parse(res.stdout) as { a: number; b: number };
  assert.equal(a, 1);
  assert.equal(b, hasPool ? 2 : 1);
});

test('every kernel variant this CPU runs passes the native kernel tests (MYELIN_ISA)', { skip }, () => {
  const best = tryAddon()!.info().isa;
  const lower = ['portable', 'avx2', 'avx512'].slice(0, ['portable', 'avx2', 'avx512'].indexOf(best));
  for (const isa of lower) {
    const files = ['test/backend/native_elementwise.test.ts', 'test/backend/native_kernels.test.ts'];
    const addon = process.env['MYELIN_NATIVE_ADDON'] || join(ROOT, 'build/Release/myelin.node');
    const probe = spawnSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(addon)}).info().isa)`], {
      env: { ...process.env, MYELIN_ISA: isa },
      encoding: 'utf8',
    });
    assert.equal(probe.stdout.trim(), isa, `MYELIN_ISA=${isa} should select ${isa}`);
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { cwd: ROOT, env: { ...process.env, MYELIN_ISA: isa }, encoding: 'utf8' });
    assert.equal(res.status, 0, `MYELIN_ISA=${isa}:\n${res.stdout.slice(-3000)}`);
  }
});
