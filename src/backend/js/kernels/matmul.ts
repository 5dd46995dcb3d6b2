/**
 * Reference batched matmul: out[b] = a[b] @ b[b]. Operands are packed to row-major panels when
 * strided (so transposed inputs cost one copy, not a slow inner loop), then multiplied with an
 * i-k-j loop that updates four output rows per pass over a block of B, reusing each B load 4x.
 */
import type { View } from '../../kernel_types.js';
import type { TypedArray } from '../../../tensor/dtype.js';

const KB = 128; // k-block: a 128 x JB slice of B stays in L2
const JB = 512; // j-block

function pack(v: View, batch: number, rows: number, cols: number, buf: TypedArray): TypedArray {
  const [sb, sr, sc] = v.strides as [number, number, number];
  const base = v.offset + batch * sb;
  if (sc === 1 && sr === cols) return v.data.subarray(base, base + rows * cols);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    let p = base + i * sr;
    for (let j = 0; j < cols; j++, p += sc) buf[k++] = v.data[p]!;
  }
  return buf;
}

export function jsMatmul(a: View, b: View, out: View): void {
  const [B, M, K] = a.shape as [number, number, number];
  const N = b.shape[2]!;
  const Ctor = out.data.constructor as new (n: number) => TypedArray;
  const abuf = new Ctor(M * K);
  const bbuf = new Ctor(K * N);
  const c = out.data;
  for (let bt = 0; bt < B; bt++) {
    const A = pack(a, bt, M, K, abuf);
    const Bm = pack(b, bt, K, N, bbuf);
    const co = out.offset + bt * M * N;
    c.fill(0, co, co + M * N);
    for (let j0 = 0; j0 < N; j0 += JB) {
      const j1 = Math.min(N, j0 + JB);
      for (let k0 = 0; k0 < K; k0 += KB) {
        const k1 = Math.min(K, k0 + KB);
        let i = 0;
        for (; i + 4 <= M; i += 4) {
          const c0 = co + i * N;
          const c1 = c0 + N;
          const c2 = c1 + N;
          const c3 = c2 + N;
          for (let k = k0; k < k1; k++) {
            const a0 = A[i * K + k]!;
            const a1 = A[(i + 1) * K + k]!;
            const a2 = A[(i + 2) * K + k]!;
            const a3 = A[(i + 3) * K + k]!;
            const bo = k * N;
            for (let j = j0; j < j1; j++) {
              const bv = Bm[bo + j]!;
              c[c0 + j] = c[c0 + j]! + a0 * bv;
              c[c1 + j] = c[c1 + j]! + a1 * bv;
              c[c2 + j] = c[c2 + j]! + a2 * bv;
              c[c3 + j] = c[c3 + j]! + a3 * bv;
            }
          }
        }
        for (; i < M; i++) {
          const c0 = co + i * N;
          for (let k = k0; k < k1; k++) {
            const a0 = A[i * K + k]!;
            const bo = k * N;
            for (let j = j0; j < j1; j++) c[c0 + j] = c[c0 + j]! + a0 * Bm[bo + j]!;
          }
        }
      }
    }
  }
}
