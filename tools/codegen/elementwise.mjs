#!/usr/bin/env node
// Generates native/src/generated/elementwise.inc from the `scalar.c` formula of every elementwise
// primitive (UNARY and BINARY in src/ops/primitives/index.ts), so each formula is written once.
// The float kernel uses the formula as written; the double kernel is derived from it (expf -> exp,
// 1.0f -> 1.0, (float) -> (double)). The output is committed: builds need no codegen.
// Usage: node tools/codegen/elementwise.mjs [--check]   (--check: fail if the committed file is stale)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'native/src/generated/elementwise.inc');

// C99 float functions a formula may call; the double kernel calls the same name without the f.
const FLOAT_FUNCS = new Set([
  'expf', 'expm1f', 'logf', 'log1pf', 'sqrtf', 'sinf', 'cosf', 'tanf', 'tanhf', 'erff', 'powf', 'fmodf',
  'fabsf', 'floorf', 'ceilf', 'nearbyintf', 'roundf', 'truncf', 'fmaxf', 'fminf', 'copysignf',
]);
// Formulas with one of these calls are costly per element: the kernels split them into smaller chunks.
const COSTLY = /\b(expf|expm1f|logf|log1pf|sinf|cosf|tanf|tanhf|erff|powf|fmodf)\(/;

/** Checks a formula only uses its variables, float literals, casts, NAN and the known functions. */
function checkFormula(name, c, vars) {
  const idents = c.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  for (const id of idents) {
    if (vars.includes(id) || FLOAT_FUNCS.has(id) || id === 'float' || id === 'NAN' || id === 'INFINITY') continue;
    if (/^\d/.test(id) || id === 'f') continue;
    throw new Error(`codegen: ${name}: formula '${c}' uses '${id}', which is not ${vars.join('/')}, a cast, NAN or a known float function`);
  }
}

/** The float formula turned into its double twin. */
function toDouble(c) {
  return c
    .replace(/\b([a-z][a-z0-9]*f)\(/g, (m, fn) => (FLOAT_FUNCS.has(fn) ? `${fn.slice(0, -1)}(` : m))
    .replace(/\b(\d+\.\d*|\.\d+|\d+)f\b/g, '$1')
    .replace(/\(float\)/g, '(double)');
}

function functor(kind, name, c, boolOut) {
  const args = kind === 'unary' ? ['x'] : ['a', 'b'];
  checkFormula(name, c, args);
  const params = (t) => args.map((v) => `${t} ${v}`).join(', ');
  return [
    `struct ${kind}_${name} {`,
    `  static constexpr bool kBoolOut = ${boolOut};`,
    `  static constexpr bool kCostly = ${COSTLY.test(c)};`,
    `  static inline float apply(${params('float')}) { return ${c}; }`,
    `  static inline double apply(${params('double')}) { return ${toDouble(c)}; }`,
    '};',
  ].join('\n');
}

function list(macro, kind, names) {
  const rows = names.map((n, i) => `  X(${i}, ${kind}_${n}, "${n}")`);
  return `#define ${macro}(X) \\\n${rows.join(' \\\n')}\n`;
}

export async function generate() {
  const { UNARY, BINARY } = await tsImport('../../src/ops/primitives/index.ts', import.meta.url);
  const unary = Object.entries(UNARY).map(([n, p]) => [n, p.spec.scalar.c, p.spec.dtype === 'bool']);
  const binary = Object.entries(BINARY).map(([n, p]) => [n, p.spec.scalar.c, p.spec.dtype === 'compare' || p.spec.dtype === 'logical']);
  return [
    '// GENERATED FILE: do not edit by hand.',
    '// Made by tools/codegen/elementwise.mjs from the `scalar.c` formula of each primitive in',
    '// src/ops/primitives/ (UNARY and BINARY of index.ts). Regenerate with `npm run codegen`.',
    '//',
    '// X-lists (index, functor, name) in the order of UNARY/BINARY, then one functor per primitive:',
    '// apply() in float (the formula as written) and double; kBoolOut: the output dtype is bool.',
    '// Included inside a namespace; define MYELIN_ELEMENTWISE_LISTS_ONLY to get only the lists.',
    '',
    list('MYELIN_UNARY_LIST', 'unary', unary.map(([n]) => n)),
    list('MYELIN_BINARY_LIST', 'binary', binary.map(([n]) => n)),
    '#ifndef MYELIN_ELEMENTWISE_LISTS_ONLY',
    ...unary.map(([n, c, b]) => functor('unary', n, c, b)),
    ...binary.map(([n, c, b]) => functor('binary', n, c, b)),
    '#endif',
    '',
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(OUT, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (old !== text) {
      console.error(`codegen: ${OUT} is stale; run npm run codegen and commit it`);
      process.exit(1);
    }
    console.log('codegen: native/src/generated/elementwise.inc is current');
  } else {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, text);
    console.log(`codegen: wrote ${OUT}`);
  }
}
