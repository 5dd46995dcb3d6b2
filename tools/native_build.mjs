#!/usr/bin/env node
// Builds the native addon (binding.gyp -> build/Release/myelin.node) with node-gyp. It is the
// package's "install" script, so `npm ci` / `npm install` run it; a failed build never fails the
// install: the reason goes to build/myelin_build_error.txt, and Myelin runs on its JS backend and
// says why once at first use. Usage: node tools/native_build.mjs [--strict]
//   --strict: exit non-zero when the build fails (for scripts that need the addon).
// An addon newer than binding.gyp and every file under native/ is kept (npm install again does
// not rebuild it); MYELIN_FORCE_NATIVE_BUILD=1 rebuilds anyway.
// Env: MYELIN_SKIP_NATIVE_BUILD=1 skips the build (the JS backend is used).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PREFIX = resolve(dirname(process.execPath), '..');

/** node-gyp's script: npm's own (npm sets npm_config_node_gyp for scripts), else the one next to node. */
export function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(PREFIX, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    join(PREFIX, 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

/** Arguments that point node-gyp at this node's own headers, so nothing is downloaded. */
export function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  return existsSync(join(PREFIX, 'include/node/node_api.h')) ? [`--nodedir=${PREFIX}`] : [];
}

function newestInput(dir) {
  let t = statSync(join(dir, 'binding.gyp')).mtimeMs;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else t = Math.max(t, st.mtimeMs);
    }
  };
  walk(join(dir, 'native'));
  return t;
}

/** True when `<dir>/build/Release/myelin.node` is newer than every source it is built from. */
export function isUpToDate(dir = ROOT) {
  const out = join(dir, 'build/Release/myelin.node');
  return existsSync(out) && statSync(out).mtimeMs > newestInput(dir);
}

/** The first line of a build log that says what went wrong. */
function reasonOf(log) {
  const lines = log.split('\n');
  const hit = lines.find((l) => /\berror\b|not found|No such file/i.test(l) && !/^gyp info/.test(l));
  return (hit ?? lines.filter((l) => l.trim()).at(-1) ?? 'unknown error').trim().slice(0, 300);
}

/**
 * Runs `node-gyp rebuild` in `dir` (which holds binding.gyp) with extra environment; returns
 * { ok, log }. Writes `<dir>/build/myelin_build_error.txt` on failure.
 */
export function buildAddon(dir = ROOT, extraEnv = {}) {
  const gyp = findNodeGyp();
  let ok = false;
  let log = '';
  if (process.env.MYELIN_SKIP_NATIVE_BUILD === '1') {
    log = 'skipped: MYELIN_SKIP_NATIVE_BUILD=1';
  } else if (!gyp) {
    log = 'node-gyp not found (it ships with npm)';
  } else {
    const res = spawnSync(process.execPath, [gyp, 'rebuild', '--jobs', 'max', ...nodedirArgs()], {
      cwd: dir,
      env: { ...process.env, ...extraEnv },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    log = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}`;
    ok = res.status === 0 && existsSync(join(dir, 'build/Release/myelin.node'));
  }
  if (!ok) {
    mkdirSync(join(dir, 'build'), { recursive: true });
    writeFileSync(join(dir, 'build/myelin_build_error.txt'), `${reasonOf(log)}\n\n${log}`);
  }
  return { ok, log };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.env.MYELIN_FORCE_NATIVE_BUILD !== '1' && process.env.MYELIN_SKIP_NATIVE_BUILD !== '1' && isUpToDate()) {
    console.log('myelin: native addon is up to date (build/Release/myelin.node)');
    process.exit(0);
  }
  const { ok, log } = buildAddon();
  if (ok) {
    console.log('myelin: native addon built (build/Release/myelin.node)');
  } else {
    process.stderr.write(log.slice(-4000));
    console.error(`\nmyelin: the native addon did not build (${reasonOf(log)}); Myelin will run on its JS backend.`);
    console.error('myelin: the full log is in build/myelin_build_error.txt');
    if (process.argv.includes('--strict')) process.exit(1);
  }
}
