/**
 * Doc tests: every `@example` in the TSDoc of src/ is executed with Myelin's exports in scope.
 * When its last line ends in `// <expected>`, the value of that line's expression is compared to
 * it (numbers within 1e-4 relative; arrays elementwise; strings and booleans exactly).
 * Examples must therefore be self-contained.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import * as myelin from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Example[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*\*\s*@example\s?(.*)$/.exec(l);
    if (!m) return;
    const body: string[] = m[1]!.trim() ? [m[1]!] : [];
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j]!;
      if (/^\s*\*\//.test(t) || /^\s*\*\s*@/.test(t) || !/^\s*\*/.test(t)) break;
      body.push(t.replace(/^\s*\* ?/, ''));
    }
    const code = body.join('\n').trim();
    if (code) out.push({ file: relative(ROOT, file), line: i + 1, code });
  });
  return out;
}

function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    return Math.abs(actual - expected) <= 1e-4 * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === actual.length && expected.every((e, i) => close(actual[i], e));
  }
  return actual === expected;
}

function parseExpected(s: string): { ok: true; value: unknown } | { ok: false } {
  const j = s.replace(/'/g, '"').replace(/\btrue\b|\bfalse\b/g, (m) => m).replace(/\bNaN\b/g, '"NaN"');
  try {
    const v = JSON.parse(j) as unknown;
    const fix = (x: unknown): unknown => (x === 'NaN' ? NaN : Array.isArray(x) ? x.map(fix) : x);
    return { ok: true, value: fix(v) };
  } catch {
    return { ok: false };
  }
}

const names = Object.keys(myelin).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
const values = names.map((k) => (myelin as Record<string, unknown>)[k]);

const all = walk(join(ROOT, 'src')).flatMap(examplesOf);

test('there are doc examples to run', () => assert.ok(all.length > 20, `only ${all.length} examples found`));

for (const ex of all) {
  test(`@example ${ex.file}:${ex.line}`, () => {
    const lines = ex.code.split('\n');
    const last = lines.pop()!;
    const cut = last.lastIndexOf('//');
    const expr = (cut >= 0 ? last.slice(0, cut) : last).trim().replace(/;$/, '');
    const expected = cut >= 0 ? parseExpected(last.slice(cut + 2).trim()) : ({ ok: false } as const);
    // A trailing `const a = …` is a statement, not a value: run it, compare nothing.
    const isStatement = /^(const|let|var|import)\b/.test(expr) || expr.includes(';');
    const body = `${lines.join('\n')}\n${isStatement ? expr : `return (${expr});`}`;
    // examples are TypeScript: strip the types first
    const js = transformSync(`function __ex() {\n${body}\n}`, { loader: 'ts' }).code;
    const fn = new Function(...names, `${js}\nreturn __ex();`) as (...a: unknown[]) => unknown;
    let value = fn(...values);
    if (value instanceof myelin.Tensor) value = value.toArray();
    if (expected.ok && !isStatement) {
      assert.ok(close(value, expected.value), `${ex.file}:${ex.line}: \`${expr}\` gave ${JSON.stringify(value)}, the doc says ${JSON.stringify(expected.value)}`);
    }
  });
}
