/**
 * Runtime dispatch stays safe: only code compiled for AVX-512 (or AVX2) uses zmm (or ymm)
 * registers. The per-ISA files are compiled with -m flags; an inline function with external
 * linkage they share with baseline code would be merged by the linker, and a CPU without the ISA
 * would then crash in baseline code. Disassembles the built addon (x86-64 with objdump only).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skip as noAddon } from './native_helpers.js';

const ADDON = process.env['MYELIN_NATIVE_ADDON'] || join(fileURLToPath(new URL('../../', import.meta.url)), 'build/Release/myelin.node');
const hasObjdump = spawnSync('objdump', ['--version']).status === 0;
const skip = noAddon || (arch() !== 'x64' ? 'x86-64 only' : !hasObjdump ? 'objdump is not installed' : false);

// Function names (demangled) that are compiled with -mavx512* or -mavx2 on purpose. Functions in
// an anonymous namespace have internal linkage, so the linker cannot hand them to another file.
const AVX512_CODE = /isa_avx512|avx512|F32x16|F64x8|\(anonymous namespace\)/;
const AVX2_CODE = /isa_avx2|avx2|F32x8|F64x4|\(anonymous namespace\)/;

test('wide registers appear only in functions compiled for their instruction set', { skip }, () => {
  const res = spawnSync('objdump', ['-d', '--no-show-raw-insn', '-C', ADDON], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  assert.equal(res.status, 0, res.stderr);
  const zmm = new Set<string>();
  const ymm = new Set<string>();
  let fn = '';
  for (const line of res.stdout.split('\n')) {
    const head = /^[0-9a-f]+ <(.*)>:$/.exec(line);
    if (head) {
      fn = head[1]!;
      continue;
    }
    if (line.includes('%zmm') || /%k[1-7]\b/.test(line)) zmm.add(fn);
    else if (line.includes('%ymm')) ymm.add(fn);
  }
  const strayZmm = [...zmm].filter((f) => !AVX512_CODE.test(f));
  const strayYmm = [...ymm].filter((f) => !AVX512_CODE.test(f) && !AVX2_CODE.test(f));
  assert.deepEqual(strayZmm, [], 'AVX-512 instructions in code that runs on every CPU');
  assert.deepEqual(strayYmm, [], 'AVX instructions in code that runs on every CPU');
  assert.ok(zmm.size > 0 && ymm.size > 0, 'the AVX-512 and AVX2 variants are built in');
});
