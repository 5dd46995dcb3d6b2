/**
 * Hostile and malformed safetensors input: every case must throw a one-line SafetensorsError,
 * quickly, before tensor memory is allocated, from bytes in memory and from files on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSafetensors, loadSafetensors, inspectSafetensors, serializeSafetensors, tensor, SafetensorsError, MyelinError } from '../../src/index.js';
import { rawFile } from './helpers.js';

const f32 = (name: string, shape: unknown, offsets: unknown, dtype: unknown = 'F32'): string => `${JSON.stringify(name)}:${JSON.stringify({ dtype, shape, data_offsets: offsets })}`;
const obj = (...fields: string[]): string => `{${fields.join(',')}}`;

function withLength(n: bigint, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + rest.length);
  new DataView(out.buffer).setBigUint64(0, n, true);
  out.set(rest, 8);
  return out;
}

function expectHostile(bytes: Uint8Array, message: RegExp): void {
  const start = performance.now();
  let caught: unknown;
  try {
    parseSafetensors(bytes);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SafetensorsError && caught instanceof MyelinError, `expected SafetensorsError ${message}, got ${String(caught)}`);
  assert.match(caught.message, /^parseSafetensors: /);
  assert.match(caught.message, message);
  assert.ok(!caught.message.includes('\n'), `message is not one line: ${caught.message}`);
  assert.ok(performance.now() - start < 10_000, 'took too long'); // generous: shared CI cores
}

const buf = (n: number): Uint8Array => new Uint8Array(n);

const CASES: [string, Uint8Array, RegExp][] = [
  ['empty input', buf(0), /0 bytes is too short/],
  ['shorter than the length field', buf(5), /5 bytes is too short/],
  ['header length past the end', withLength(1000n, buf(20)), /header length 1000 runs past the end of the 28-byte file/],
  ['header length above 100 MB', withLength(100_000_001n, buf(16)), /above the 100000000-byte limit/],
  ['header length ~2^64', withLength(2n ** 64n - 1n, buf(16)), />= 2\^53 is above/],
  ['header length 0', withLength(0n, buf(0)), /too short for a JSON object/],
  ['not UTF-8', withLength(4n, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])), /not valid UTF-8/],
  ['not starting with {', rawFile(' {}'), /must start with '\{'/],
  ['a JSON array', rawFile('[]'), /must start with '\{'/],
  ['not JSON', rawFile('{"a":'), /not valid JSON/],
  ['trailing garbage', rawFile('{}x'), /not valid JSON/],
  ['NUL padding instead of spaces', withLength(8n, Uint8Array.from([0x7b, 0x7d, 0, 0, 0, 0, 0, 0])), /not valid JSON/],
  ['duplicate tensor names', rawFile(obj(f32('a', [1], [0, 4]), f32('a', [1], [4, 8])), buf(8)), /key "a" twice/],
  ['duplicate names hidden by an escape', rawFile(obj(f32('a', [1], [0, 4]), '"\\u0061":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}'), buf(8)), /key "a" twice/],
  ['duplicate metadata keys', rawFile('{"__metadata__":{"k":"1","k":"2"}}'), /key "k" twice/],
  ['duplicate field in an entry', rawFile('{"a":{"dtype":"F32","dtype":"F64","shape":[1],"data_offsets":[0,4]}}', buf(4)), /key "dtype" twice/],
  ['entry not an object', rawFile('{"a":5}'), /tensor "a": entry must be an object/],
  ['dtype missing', rawFile('{"a":{"shape":[1],"data_offsets":[0,4]}}', buf(4)), /dtype must be a string/],
  ['unknown dtype', rawFile(obj(f32('a', [1], [0, 4], 'Q7')), buf(4)), /unknown dtype "Q7"/],
  ['lower-case dtype', rawFile(obj(f32('a', [1], [0, 4], 'f32')), buf(4)), /unknown dtype "f32"/],
  ['unsupported fp8', rawFile(obj(f32('a', [4], [0, 4], 'F8_E4M3')), buf(4)), /dtype F8_E4M3 is not supported/],
  ['shape not an array', rawFile(obj(f32('a', 4, [0, 16])), buf(16)), /shape must be an array/],
  ['negative dim', rawFile(obj(f32('a', [-1, 4], [0, 16])), buf(16)), /must hold non-negative integers/],
  ['fractional dim', rawFile(obj(f32('a', [1.5], [0, 6])), buf(6)), /must hold non-negative integers/],
  ['string dim', rawFile(obj(f32('a', ['2'], [0, 8])), buf(8)), /must hold non-negative integers/],
  ['dim beyond 2^53', rawFile('{"a":{"dtype":"F32","shape":[1e300],"data_offsets":[0,4]}}', buf(4)), /must hold non-negative integers/],
  ['shape product overflow', rawFile(obj(f32('a', [2 ** 26, 2 ** 26, 2 ** 26], [0, 4])), buf(4)), /shape product overflows/],
  ['byte size overflow', rawFile(obj(f32('a', [2 ** 51], [0, 4], 'F64')), buf(4)), /byte size overflows/],
  ['offsets not a pair', rawFile(obj(f32('a', [1], [0])), buf(4)), /data_offsets must be \[begin, end\]/],
  ['negative offset', rawFile(obj(f32('a', [1], [-4, 0])), buf(4)), /data_offsets must be/],
  ['end before begin', rawFile(obj(f32('a', [0], [4, 0])), buf(4)), /end before they begin/],
  ['size mismatch', rawFile(obj(f32('a', [3], [0, 8])), buf(8)), /F32 shape \[3\] needs 12 bytes but data_offsets \[0,8\] hold 8/],
  ['offsets past the buffer', rawFile(obj(f32('a', [100], [0, 400])), buf(8)), /runs past the 8-byte buffer/],
  ['huge tensor in a tiny file', rawFile(obj(f32('a', [2 ** 40], [0, 2 ** 42])), buf(8)), /runs past the 8-byte buffer/],
  ['overlapping tensors', rawFile(obj(f32('a', [2], [0, 8]), f32('b', [2], [4, 12])), buf(12)), /"b" data \[4,12\) overlaps the previous tensor, which ends at 8/],
  ['same bytes twice', rawFile(obj(f32('a', [2], [0, 8]), f32('b', [2], [0, 8])), buf(8)), /overlaps/],
  ['gap between tensors', rawFile(obj(f32('a', [1], [0, 4]), f32('b', [1], [8, 12])), buf(12)), /leaving bytes \[4,8\) unused/],
  ['not starting at 0', rawFile(obj(f32('a', [1], [4, 8])), buf(8)), /starts at 4, leaving bytes \[0,4\) unused/],
  ['trailing bytes', rawFile(obj(f32('a', [1], [0, 4])), buf(12)), /tensors cover 4 bytes but the buffer after the header holds 12/],
  ['metadata not an object', rawFile('{"__metadata__":["a"]}'), /__metadata__ must be an object of strings/],
  ['metadata with a number', rawFile('{"__metadata__":{"epoch":3}}'), /__metadata__ value of "epoch" must be a string, got number/],
  ['metadata with null', rawFile('{"__metadata__":{"x":null}}'), /got null/],
  ['metadata with an object', rawFile('{"__metadata__":{"x":{"y":"z"}}}'), /got object/],
];

for (const [name, bytes, message] of CASES) test(`hostile: ${name}`, () => expectHostile(bytes, message));

test('hostile: deeply nested JSON neither crashes nor hangs', () => {
  const depth = 200_000;
  expectHostile(rawFile(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`), /tensor "a": entry must be an object|not valid JSON/);
});

test('hostile: a huge or multi-line name is quoted and cut in the message', () => {
  const name = `evil\nname${'x'.repeat(10_000)}`;
  expectHostile(rawFile(obj(f32(name, [3], [0, 4])), buf(4)), /tensor "evil\\nnamexx+\.\.\.": F32 shape \[3\] needs 12 bytes/);
});

test('hostile: tensors are validated as a whole before any is decoded', () => {
  // a valid tensor first, then a broken one: nothing is returned, the error names the second
  const bytes = rawFile(obj(f32('ok', [1], [0, 4]), f32('bad', [1], [4, 8], 'I64')), buf(8));
  expectHostile(bytes, /"bad": I64 shape \[1\] needs 8 bytes but data_offsets \[4,8\] hold 4/);
});

test('a "__metadata__" tensor entry and null metadata are handled', () => {
  assert.deepEqual(parseSafetensors(rawFile('{"__metadata__":null}')).metadata, {});
  expectHostile(rawFile('{"__metadata__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', buf(4)), /__metadata__ value of "shape" must be a string, got array/);
});

test('a zero dim makes any other dims legal, as in the reference reader (no overflow: 0 elements)', () => {
  const t = parseSafetensors(rawFile(obj(f32('a', [0, 2 ** 52, 2 ** 52], [0, 0])))).tensors.get('a')!;
  assert.equal(t.numel, 0);
  assert.deepEqual(t.toFlatArray(), []);
});

test('odd but legal names ("__proto__", "", newlines) are ordinary tensors', () => {
  const bytes = rawFile(obj(f32('__proto__', [1], [0, 4]), f32('', [1], [4, 8]), f32('a\nb', [0], [8, 8])), buf(8));
  const { tensors } = parseSafetensors(bytes);
  assert.deepEqual([...tensors.keys()], ['__proto__', '', 'a\nb']);
  assert.deepEqual(serializeSafetensors(tensors).length, serializeSafetensors(new Map(tensors)).length);
});

test('a non-Uint8Array argument is a SafetensorsError', () => {
  assert.throws(() => parseSafetensors('{}' as unknown as Uint8Array), SafetensorsError);
});

// ---- the same checks from disk: the header is checked against the file size before reading on ----

test('files: lying lengths, truncation and missing files fail with the path and without reading the data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'myelin-hostile-'));
  try {
    const good = serializeSafetensors({ w: tensor([1, 2, 3]) }, { k: 'v' });
    const truncated = join(dir, 'truncated.safetensors');
    writeFileSync(truncated, good.subarray(0, good.length - 2));
    for (const fn of [loadSafetensors, inspectSafetensors]) {
      assert.throws(() => fn(truncated), (e: unknown) => e instanceof SafetensorsError && /tensor "w" data \[0,12\) runs past the 10-byte buffer/.test(e.message));
    }

    // a 4 GiB sparse file whose header claims 99 MB of header: refused from the 8-byte length alone
    const sparse = join(dir, 'sparse.safetensors');
    const fd = openSync(sparse, 'w');
    const head = new Uint8Array(8);
    new DataView(head.buffer).setUint32(0, 99_000_000, true);
    writeFileSync(fd, head);
    ftruncateSync(fd, 2 ** 32);
    closeSync(fd);
    const start = performance.now();
    assert.throws(() => inspectSafetensors(sparse), (e: unknown) => e instanceof SafetensorsError && /^inspectSafetensors: /.test(e.message));
    assert.ok(performance.now() - start < 5000);

    const big = join(dir, 'big.safetensors');
    writeFileSync(big, withLength(200_000_000n, buf(8)));
    assert.throws(() => loadSafetensors(big), /^SafetensorsError: loadSafetensors: header length 200000000 is above the 100000000-byte limit$/);

    const missing = join(dir, 'nope.safetensors');
    assert.throws(() => loadSafetensors(missing), (e: unknown) => {
      assert.ok(e instanceof SafetensorsError);
      assert.match(e.message, /^loadSafetensors: cannot open '.*nope\.safetensors': ENOENT/);
      assert.equal((e.cause as NodeJS.ErrnoException).code, 'ENOENT');
      return true;
    });
    assert.throws(() => loadSafetensors(dir), (e: unknown) => e instanceof SafetensorsError && /EISDIR/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
