#!/usr/bin/env node
// npm run test:asan: builds the addon with AddressSanitizer into build-asan/ (the normal build in
// build/ is left alone), then runs the op suite and the native backend tests on it, with libasan
// preloaded into node. Any out-of-bounds access or use-after-free in a kernel aborts the run.
// Slow (a full extra build plus the suite under ASan): not part of npm test; see docs/native.md.
// Usage: node tools/native_asan.mjs [test-path-filter ...]   (default: test/ops test/backend and the nn tests that drive native kernels)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAddon, isUpToDate } from './native_build.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIR = join(ROOT, 'build-asan');
const ADDON = join(DIR, 'build/Release/myelin.node');
const FLAGS = '-fsanitize=address -fno-omit-frame-pointer -g';

// build-asan/ mirrors the repo root for node-gyp: its own binding.gyp copy and a link to native/.
mkdirSync(DIR, { recursive: true });
copyFileSync(join(ROOT, 'binding.gyp'), join(DIR, 'binding.gyp'));
if (!existsSync(join(DIR, 'native'))) symlinkSync(join(ROOT, 'native'), join(DIR, 'native'), 'dir');

if (isUpToDate(DIR) && process.env.MYELIN_FORCE_NATIVE_BUILD !== '1') {
  console.log('test:asan: build-asan addon is up to date');
} else {
  console.log('test:asan: building the addon with -fsanitize=address into build-asan/ (a few minutes)');
  rmSync(join(DIR, 'build'), { recursive: true, force: true });
  const { ok, log } = buildAddon(DIR, { CFLAGS: FLAGS, CXXFLAGS: FLAGS, LDFLAGS: '-fsanitize=address' });
  if (!ok) {
    process.stderr.write(log.slice(-6000));
    console.error('test:asan: the ASan build failed');
    process.exit(1);
  }
}

const lib = spawnSync('g++', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).stdout?.trim();
if (!lib || !existsSync(lib)) {
  console.error('test:asan: libasan.so not found (g++ -print-file-name=libasan.so); install gcc with ASan support');
  process.exit(1);
}

const filters = process.argv.slice(2);
const env = {
  ...process.env,
  LD_PRELOAD: lib,
  // node itself leaks at exit by design; V8 reserves huge ranges, so keep ASan's checks to memory errors
  ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1:allocator_may_return_null=1:handle_segv=1',
  MYELIN_NATIVE_ADDON: ADDON,
  MYELIN_BACKEND: 'native',
};
console.log(`test:asan: running the tests with LD_PRELOAD=${lib} MYELIN_NATIVE_ADDON=${ADDON}`);
const res = spawnSync(process.execPath, [join(ROOT, 'tools/run_tests.mjs'), ...(filters.length ? filters : ['test/ops', 'test/backend', 'src/nn/inference_mode', 'src/nn/fuse', 'src/nn/linear_chain'])], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
if (res.status !== 0) {
  console.error(`test:asan: FAILED (exit ${res.status ?? res.signal})`);
  process.exit(1);
}
console.log('test:asan: passed');
