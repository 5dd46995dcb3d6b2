/**
 * Reads the committed PyTorch fixtures (test/fixtures/torch/<family>.json, written by
 * tools/fixtures/make_torch_fixtures.py) and compares Myelin tensors against them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { Tensor, tensor, type DType } from '../../src/index.js';

export interface TensorJson {
  dtype: DType;
  shape: number[];
  data: (number | 'nan' | 'inf' | '-inf')[];
}

export interface FixtureCase {
  inputs: TensorJson[];
  outputs: TensorJson[];
  cotangents?: TensorJson[];
  grads?: (TensorJson | null)[];
  note?: string;
}

const cache = new Map<string, Record<string, FixtureCase>>();

export function loadFamily(family: string): Record<string, FixtureCase> {
  let fam = cache.get(family);
  if (!fam) {
    const path = fileURLToPath(new URL(`../fixtures/torch/${family}.json`, import.meta.url));
    fam = (JSON.parse(readFileSync(path, 'utf8')) as { cases: Record<string, FixtureCase> }).cases;
    cache.set(family, fam);
  }
  return fam;
}

export function fixtureCase(family: string, name: string): FixtureCase {
  const c = loadFamily(family)[name];
  if (!c) throw new Error(`no fixture '${name}' in test/fixtures/torch/${family}.json: add it to tools/fixtures/cases/${family}.py and regenerate`);
  return c;
}

const decode = (v: number | string): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));

export function fromJson(j: TensorJson): Tensor {
  return tensor(new (j.dtype === 'float64' ? Float64Array : j.dtype === 'int32' ? Int32Array : j.dtype === 'bool' ? Uint8Array : Float32Array)(j.data.map(decode)), {
    shape: j.shape,
    dtype: j.dtype,
  });
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** |actual - expected| <= atol + rtol·|expected| everywhere; NaN and ±inf must match exactly. */
export function assertClose(actual: Tensor, expected: Tensor | TensorJson, tol: Tolerance = {}, what = 'value'): void {
  const exp = expected instanceof Tensor ? expected : fromJson(expected);
  assert.deepEqual(actual.shape, exp.shape, `${what}: shape ${JSON.stringify(actual.shape)} != expected ${JSON.stringify(exp.shape)}`);
  const rtol = tol.rtol ?? 1e-5;
  const atol = tol.atol ?? 1e-6;
  const a = actual.toTypedArray();
  const e = exp.toTypedArray();
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < e.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      if (!Object.is(x, y) && !(Number.isNaN(x) && Number.isNaN(y)) && x !== y) throw new assert.AssertionError({ message: `${what}[${i}]: got ${x}, expected ${y}` });
      continue;
    }
    const err = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (!(err <= 0) && (worst < 0 || err > worstErr || Number.isNaN(err))) {
      worst = i;
      worstErr = err;
    }
  }
  if (worst >= 0) {
    throw new assert.AssertionError({
      message: `${what}: element ${worst} is ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol})`,
    });
  }
}
