/**
 * Interop with PyTorch through committed files (tools/fixtures/make_safetensors_fixtures.py):
 * Myelin reads the torch-written file and matches the values recorded beside it, re-serializes
 * the torch-written native-dtype file byte for byte, and the committed Myelin-written file (which
 * the Python script verifies) is still what tools/fixtures/write_myelin_safetensors.ts writes.
 * NOTE: the Python side writes and reads the format by hand; the reference `safetensors` library
 * was not available offline (see the script's docstring).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSafetensors, inspectSafetensors, parseSafetensors, serializeSafetensors } from '../../src/index.js';
import { myelinFixture } from '../../tools/fixtures/write_myelin_safetensors.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/safetensors/${name}`, import.meta.url));

interface Recorded {
  metadata: Record<string, string>;
  tensors: Record<string, { dtype: string; safetensors_dtype: string; shape: number[]; data: (number | boolean | string)[] }>;
}

const decode = (v: number | boolean | string): number | boolean => {
  if (typeof v !== 'string') return v;
  return ({ nan: NaN, inf: Infinity, '-inf': -Infinity, '-0': -0 } as Record<string, number>)[v]!;
};

test('reads the torch-written file: every dtype converts to the recorded values, bit for bit', () => {
  const recorded = JSON.parse(readFileSync(fixture('torch_written.json'), 'utf8')) as Recorded;
  const { tensors, metadata } = loadSafetensors(fixture('torch_written.safetensors'));
  assert.deepEqual(metadata, recorded.metadata);
  assert.deepEqual([...tensors.keys()].sort(), Object.keys(recorded.tensors).sort());
  for (const [name, want] of Object.entries(recorded.tensors)) {
    const t = tensors.get(name)!;
    assert.equal(t.dtype, want.dtype, name);
    assert.deepEqual(t.shape, want.shape, name);
    const got = t.dtype === 'bool' ? (t.toArray() as unknown[]).flat(Infinity) : t.toFlatArray();
    want.data.map(decode).forEach((v, i) => assert.ok(Object.is(got[i], v), `${name}[${i}]: ${String(got[i])} vs ${String(v)}`));
  }
  const info = inspectSafetensors(fixture('torch_written.safetensors'));
  assert.deepEqual(Object.fromEntries(info.tensors.map((e) => [e.name, e.dtype])), Object.fromEntries(Object.entries(recorded.tensors).map(([k, v]) => [k, v.safetensors_dtype])));
});

test('re-serializes the torch-written native-dtype file byte for byte', () => {
  const bytes = new Uint8Array(readFileSync(fixture('torch_native.safetensors')));
  const { tensors, metadata } = parseSafetensors(bytes);
  assert.deepEqual(serializeSafetensors(tensors, metadata), bytes);
});

test('the committed Myelin-written file is what the writer script produces', () => {
  const { tensors, metadata } = myelinFixture();
  const committed = new Uint8Array(readFileSync(fixture('myelin_written.safetensors')));
  assert.deepEqual(serializeSafetensors(tensors, metadata), committed, 'regenerate with node --import tsx tools/fixtures/write_myelin_safetensors.ts, then verify with the Python script');
});
