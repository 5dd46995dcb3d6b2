/**
 * safetensors encoding: round trips for every dtype and layout, byte-exactness against the
 * reference Rust crate's own test vectors, header alignment, the writer's sort order, and the
 * dtypes Myelin reads by conversion (F16, BF16, I8, U8, I16, U16, U32, I64, U64).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawFile } from './helpers.js';
import {
  type Tensor, tensor, zeros, arange, expand, flip, slice, transpose, reshape,
  serializeSafetensors, parseSafetensors, SafetensorsError,
} from '../../src/index.js';

function headerOf(bytes: Uint8Array): string {
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  return new TextDecoder().decode(bytes.subarray(8, 8 + n));
}

function roundTrip(t: Tensor): Tensor {
  return parseSafetensors(serializeSafetensors({ t })).tensors.get('t')!;
}

function assertSame(actual: Tensor, expected: Tensor): void {
  assert.equal(actual.dtype, expected.dtype);
  assert.deepEqual(actual.shape, expected.shape);
  const a = actual.toFlatArray();
  const e = expected.toFlatArray();
  assert.equal(a.length, e.length);
  a.forEach((v, i) => assert.ok(Object.is(v, e[i]), `element ${i}: ${v} vs ${e[i]}`));
}

test('every writable dtype round-trips bit for bit, specials included', () => {
  assertSame(roundTrip(tensor([0, -0, 1.5, NaN, Infinity, -Infinity, 1e-45, 3.4028234663852886e38])), tensor([0, -0, 1.5, NaN, Infinity, -Infinity, 1e-45, 3.4028234663852886e38]));
  const f64 = tensor([Math.PI, -Math.E, 5e-324, 1.7976931348623157e308, -0, NaN], { dtype: 'float64' });
  assertSame(roundTrip(f64), f64);
  const i32 = tensor([-(2 ** 31), 2 ** 31 - 1, 0, -1, 7], { dtype: 'int32' });
  assertSame(roundTrip(i32), i32);
  const b = tensor([[true, false], [false, true]]);
  assertSame(roundTrip(b), b);
  assert.deepEqual(roundTrip(b).toArray(), [[true, false], [false, true]]);
});

test('0-d, empty and zero-size tensors round-trip', () => {
  for (const t of [tensor(2.5), tensor(7, { dtype: 'int32' }), tensor(true), zeros([0]), zeros([2, 0, 3], { dtype: 'float64' }), zeros([0], { dtype: 'bool' })]) {
    assertSame(roundTrip(t), t);
  }
  const bytes = serializeSafetensors({ a: zeros([0]), b: zeros([0, 4]), c: tensor(1) });
  assert.match(headerOf(bytes), /"a":\{"dtype":"F32","shape":\[0\],"data_offsets":\[0,0\]\}/);
  assert.deepEqual([...parseSafetensors(bytes).tensors.keys()], ['a', 'b', 'c']);
});

test('non-contiguous views are written as their elements, row-major', () => {
  const base = reshape(arange(24), [2, 3, 4]);
  for (const v of [transpose(base, 0, 2), flip(base, [1, 2]), slice(base, 2, 1, 4, 2), expand(tensor([[1], [2]]), [2, 5]), slice(arange(10), 0, 3, 7)]) {
    assert.ok(!v.isContiguous() || v.offset !== 0);
    const back = roundTrip(v);
    assert.deepEqual(back.toArray(), v.toArray());
    assert.ok(back.isContiguous() && back.offset === 0);
  }
});

test('byte-exact with the reference crate test vectors (test_serialization, test_empty, forced alignment)', () => {
  const x = reshape(tensor([0, 1, 2, 3, 4, 5]), [1, 2, 3]);
  assert.deepEqual(Array.from(serializeSafetensors({ 'attn.0': x })), [
    64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115,
    104, 97, 112, 101, 34, 58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50,
    52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
  ]);
  assert.deepEqual(Array.from(serializeSafetensors({})), [8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
  assert.deepEqual(Array.from(serializeSafetensors({}, { framework: 'pt' })), [
    40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114,
    107, 34, 58, 34, 112, 116, 34, 125, 125, 32, 32, 32, 32, 32,
  ]);
  const aligned = serializeSafetensors({ attn0: reshape(x, [1, 1, 2, 3]) });
  assert.equal(aligned[0], 72);
  assert.equal(headerOf(aligned), '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ');
});

test('the header is padded with spaces to 8 bytes, whatever the name length', () => {
  for (let len = 1; len <= 17; len++) {
    const name = 'x'.repeat(len);
    const bytes = serializeSafetensors({ [name]: tensor([1, 2], { dtype: 'float64' }) });
    const n = new DataView(bytes.buffer).getUint32(0, true);
    assert.equal(n % 8, 0);
    const h = headerOf(bytes);
    assert.equal(JSON.stringify(JSON.parse(h)), h.trimEnd());
    assert.match(h, /^\{[^ ]*\} {0,7}$/);
    assert.equal(bytes.length, 8 + n + 16);
  }
});

test('tensors are sorted like the reference writer: descending dtype alignment, then name by UTF-8 bytes', () => {
  const bytes = serializeSafetensors({
    b: tensor([true]), z: tensor([1]), a: tensor([1]), i: tensor([1], { dtype: 'int32' }), d: tensor([1], { dtype: 'float64' }),
    '\u{1F600}': tensor([1]), '\uFF01': tensor([1]), Z: tensor([1]), é: tensor([1]),
  }, { note: 'héllo ✓', framework: 'myelin' });
  const header = JSON.parse(headerOf(bytes)) as Record<string, unknown>;
  // U+FF01 sorts before U+1F600 in UTF-8 (and in Rust) but after it in UTF-16 (JS's `<`)
  assert.deepEqual(Object.keys(header), ['__metadata__', 'd', 'Z', 'a', 'z', 'é', '\uFF01', '\u{1F600}', 'i', 'b']);
  const { tensors, metadata } = parseSafetensors(bytes);
  assert.deepEqual(metadata, { note: 'héllo ✓', framework: 'myelin' });
  assert.deepEqual([...tensors.keys()], Object.keys(header).slice(1));
});

test('parse then serialize reproduces the bytes; input order does not matter', () => {
  const a = serializeSafetensors(new Map([['w', arange(6)], ['n', tensor([3], { dtype: 'int32' })]]), { k: 'v' });
  const b = serializeSafetensors({ n: tensor([3], { dtype: 'int32' }), w: arange(6) }, { k: 'v' });
  assert.deepEqual(a, b);
  const { tensors, metadata } = parseSafetensors(a);
  assert.deepEqual(serializeSafetensors(tensors, metadata), a);
});

test('parsed tensors own aligned memory, even from an unaligned buffer', () => {
  const bytes = serializeSafetensors({ d: tensor([1.5, -2], { dtype: 'float64' }) });
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const view = shifted.subarray(3);
  const d = parseSafetensors(view).tensors.get('d')!;
  shifted.fill(0);
  assert.deepEqual(d.toArray(), [1.5, -2]);
});

test('metadata: strings only, including odd keys; an empty object is omitted', () => {
  // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead)
  const meta = JSON.parse('{"__proto__":"kept","new\\nline":"tab\\there","":"empty key","quote":"\\"\\\\"}') as Record<string, string>;
  assert.equal(Object.keys(meta).length, 4);
  const back = parseSafetensors(serializeSafetensors({}, meta)).metadata;
  assert.deepEqual(Object.entries(back), Object.entries(meta));
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(serializeSafetensors({}, {}), serializeSafetensors({}));
});

test('bad arguments to serialize are SafetensorsErrors', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => serializeSafetensors({ __metadata__: tensor([1]) }), /reserved/],
    [() => serializeSafetensors({ x: [1, 2] as unknown as Tensor }), /"x" is not a Tensor/],
    [() => serializeSafetensors({}, { a: 1 as unknown as string }), /metadata value of "a" must be a string/],
    [() => serializeSafetensors({}, null as unknown as Record<string, string>), /metadata must be an object/],
    [() => serializeSafetensors({ ['\uD800']: tensor([1]) }), /lone UTF-16 surrogate/],
  ];
  for (const [fn, msg] of cases) assert.throws(fn, (e: unknown) => e instanceof SafetensorsError && msg.test(e.message) && e.message.startsWith('serializeSafetensors: '));
});

// ---- dtypes read by conversion ----

function file(dtype: string, shape: number[], fill: (dv: DataView) => void, byteLength: number): Uint8Array {
  const data = new Uint8Array(byteLength);
  fill(new DataView(data.buffer));
  return rawFile(JSON.stringify({ t: { dtype, shape, data_offsets: [0, byteLength] } }), data);
}

test('F16 and BF16 are read as float32, exactly', () => {
  const halves = [0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x8000, 0x7e00, 0x3555];
  const t = parseSafetensors(file('F16', [11], (dv) => halves.forEach((h, i) => dv.setUint16(2 * i, h, true)), 22)).tensors.get('t')!;
  assert.equal(t.dtype, 'float32');
  const want = [1, -2, 0.5, 65504, 2 ** -24, 1023 * 2 ** -24, Infinity, -Infinity, -0, NaN, 0.333251953125];
  t.toFlatArray().forEach((v, i) => assert.ok(Object.is(v, want[i]), `half ${halves[i]!.toString(16)}: ${v} vs ${want[i]}`));

  const bf = [0x3f80, 0xc040, 0x7f80, 0x0001, 0x4049];
  const u = parseSafetensors(file('BF16', [5], (dv) => bf.forEach((h, i) => dv.setUint16(2 * i, h, true)), 10)).tensors.get('t')!;
  assert.equal(u.dtype, 'float32');
  const f = new Float32Array(new Uint32Array(bf.map((h) => h << 16)).buffer);
  assert.deepEqual(u.toFlatArray(), Array.from(f));
  assert.equal(u.toFlatArray()[4], 3.140625);
});

test('integer dtypes are read as int32; wide ones only when every value fits', () => {
  const get = (bytes: Uint8Array): number[] => {
    const t = parseSafetensors(bytes).tensors.get('t')!;
    assert.equal(t.dtype, 'int32');
    return t.toFlatArray();
  };
  assert.deepEqual(get(file('U8', [3], (dv) => [0, 200, 255].forEach((v, i) => dv.setUint8(i, v)), 3)), [0, 200, 255]);
  assert.deepEqual(get(file('I8', [3], (dv) => [-128, 5, 127].forEach((v, i) => dv.setInt8(i, v)), 3)), [-128, 5, 127]);
  assert.deepEqual(get(file('I16', [2], (dv) => [-32768, 300].forEach((v, i) => dv.setInt16(2 * i, v, true)), 4)), [-32768, 300]);
  assert.deepEqual(get(file('U16', [2], (dv) => [65535, 1].forEach((v, i) => dv.setUint16(2 * i, v, true)), 4)), [65535, 1]);
  assert.deepEqual(get(file('U32', [2], (dv) => [2 ** 31 - 1, 0].forEach((v, i) => dv.setUint32(4 * i, v, true)), 8)), [2 ** 31 - 1, 0]);
  const i64 = [-(2n ** 31n), 2n ** 31n - 1n, -1n, 0n, 42n];
  assert.deepEqual(get(file('I64', [5], (dv) => i64.forEach((v, i) => dv.setBigInt64(8 * i, v, true)), 40)), [-(2 ** 31), 2 ** 31 - 1, -1, 0, 42]);
  assert.deepEqual(get(file('U64', [1], (dv) => dv.setBigUint64(0, 2n ** 31n - 1n, true), 8)), [2 ** 31 - 1]);

  const tooBig: [string, (dv: DataView) => void, number, RegExp][] = [
    ['I64', (dv) => dv.setBigInt64(8, 2n ** 31n, true), 16, /I64 value 2147483648 at index 1 does not fit in int32/],
    ['I64', (dv) => dv.setBigInt64(0, -(2n ** 31n) - 1n, true), 16, /I64 value -2147483649 at index 0/],
    ['I64', (dv) => dv.setBigInt64(0, 2n ** 40n, true), 16, /I64 value 1099511627776/],
    ['U64', (dv) => dv.setBigUint64(0, 2n ** 64n - 1n, true), 16, /U64 value 18446744073709551615/],
    ['U32', (dv) => dv.setUint32(4, 2 ** 31, true), 8, /U32 value 2147483648 at index 1/],
  ];
  for (const [dtype, fill, bytes, msg] of tooBig) {
    assert.throws(() => parseSafetensors(file(dtype, [2], fill, bytes)), (e: unknown) => e instanceof SafetensorsError && msg.test(e.message));
  }
});

test('BOOL bytes other than 0/1 read as true', () => {
  const t = parseSafetensors(file('BOOL', [3], (dv) => [0, 1, 7].forEach((v, i) => dv.setUint8(i, v)), 3)).tensors.get('t')!;
  assert.deepEqual(t.toArray(), [false, true, true]);
  assert.deepEqual(Array.from(t.data), [0, 1, 1]);
});
