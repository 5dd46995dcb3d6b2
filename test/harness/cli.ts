/**
 * Running the built `myelin` CLI (cli/bin/myelin.js → dist/cli; npm test builds it first) in a
 * temporary working directory that is removed at exit, on the js backend so results do not
 * depend on the addon. Shared by the CLI test files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'cli/bin/myelin.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export interface CliRunner {
  /** The working directory every run uses (removed when the process exits). */
  readonly tmp: string;
  /** Runs `myelin ...args` in `tmp`. */
  run(...args: string[]): CliResult;
}

/** A runner with its own temporary directory, named after `prefix`. */
export function cliRunner(prefix: string): CliRunner {
  const tmp = mkdtempSync(join(tmpdir(), `myelin-${prefix}-`));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  return {
    tmp,
    run(...args: string[]): CliResult {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, MYELIN_BACKEND: 'js' } });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
  };
}

/** A failure: the expected code and exactly one line on stderr, with no stack trace. */
export function assertOneLineError(r: CliResult, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, `exit code ${r.code}, stderr: ${r.err}`);
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.err}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.err, /^\s+at /m);
}
