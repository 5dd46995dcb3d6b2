#!/usr/bin/env node
// Prints which primitives each backend implements itself and which it borrows from the js
// backend (`fallbackToJs` in its kernel table). Derived from the tables, never kept by hand.
// Usage: npm run coverage:backends
import { tsImport } from 'tsx/esm/api';

const { getBackend } = await tsImport('../src/backend/registry.ts', import.meta.url);
const { addonError, tryAddon } = await tsImport('../src/backend/native/addon.ts', import.meta.url);

const names = ['js', 'native'];
const backends = [];
for (const name of names) {
  try {
    backends.push(getBackend(name));
  } catch (e) {
    console.log(`${name}: not loaded (${e instanceof Error ? e.message : String(e)})`);
  }
}
const prims = Object.keys(getBackend('js').kernels);
const width = Math.max(...prims.map((p) => p.length)) + 2;
console.log(['primitive'.padEnd(width), ...backends.map((b) => b.name.padEnd(15))].join(''));
for (const p of prims) {
  console.log([p.padEnd(width), ...backends.map((b) => (b.fallbacks.has(p) ? 'js (fallback)' : 'own').padEnd(15))].join(''));
}
for (const b of backends) {
  const own = prims.length - b.fallbacks.size;
  console.log(`${b.name}: ${own}/${prims.length} own kernels${b.fallbacks.size ? `; falls back to js for: ${[...b.fallbacks].join(', ')}` : ''}`);
}
const addon = tryAddon();
if (addon) {
  const info = addon.info();
  console.log(`native addon: kernels for ${info.isa}, threads ${info.threads ? `on (${addon.getNumThreads()})` : 'not built in'}, gemm ${info.gemm ? 'built in' : 'not built in'}`);
  console.log('native: int32/bool calls of arithmetic, reductions, cumsum and col2im run on js per call;');
  console.log('        cast, where, argmax, pad, cat, gather, scatter and im2col are native for every dtype.');
} else {
  console.log(`native addon: ${addonError()}`);
}
