/**
 * Reference batched matmul: out[b] = a[b] @ b[b], a [B,M,K] and b [B,K,N] with any strides.
 * Both operands are packed into float64 panels of 4 rows (of A) and 4 columns (of B),
 * interleaved along K, so the inner loop reads memory sequentially; a 4x4 tile of C is then
 * accumulated in 16 local variables (registers) across all of K and stored once. Transposed
 * inputs cost only the packing pass. Accumulation is float64 (at least as accurate as fp32 BLAS).
 */
import type { View } from '../../kernel_types.js';

const R = 4; // tile rows and columns

/** Packs rows [0, M) of a (batch `bt`) into panels: panel p holds rows 4p..4p+3 as [k][r]. */
function packA(v: View, bt: number, M: number, K: number, out: Float64Array): void {
  const [sb, sr, sc] = v.strides as [number, number, number];
  const base = v.offset + bt * sb;
  const d = v.data;
  for (let i0 = 0; i0 < M; i0 += R) {
    const panel = (i0 / R) * K * R;
    for (let r = 0; r < R; r++) {
      const i = i0 + r;
      if (i >= M) {
        for (let k = 0; k < K; k++) out[panel + k * R + r] = 0;
        continue;
      }
      let p = base + i * sr;
      for (let k = 0; k < K; k++, p += sc) out[panel + k * R + r] = d[p]!;
    }
  }
}

/** Packs columns [0, N) of b (batch `bt`) into panels: panel q holds columns 4q..4q+3 as [k][c]. */
function packB(v: View, bt: number, K: number, N: number, out: Float64Array): void {
  const [sb, sr, sc] = v.strides as [number, number, number];
  const base = v.offset + bt * sb;
  const d = v.data;
  for (let j0 = 0; j0 < N; j0 += R) {
    const panel = (j0 / R) * K * R;
    for (let k = 0; k < K; k++) {
      const p = base + k * sr;
      for (let c = 0; c < R; c++) {
        const j = j0 + c;
        out[panel + k * R + c] = j < N ? d[p + j * sc]! : 0;
      }
    }
  }
}

export function jsMatmul(a: View, b: View, out: View): void {
  const [B, M, K] = a.shape as [number, number, number];
  const N = b.shape[2]!;
  const Mp = Math.ceil(M / R) * R;
  const Np = Math.ceil(N / R) * R;
  const A = new Float64Array(Mp * K);
  const Bp = new Float64Array(Np * K);
  const c = out.data;
  for (let bt = 0; bt < B; bt++) {
    packA(a, bt, M, K, A);
    packB(b, bt, K, N, Bp);
    const co = out.offset + bt * M * N;
    for (let i0 = 0; i0 < M; i0 += R) {
      const pa = (i0 / R) * K * R;
      for (let j0 = 0; j0 < N; j0 += R) {
        const pb = (j0 / R) * K * R;
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let k = 0, x = pa, y = pb; k < K; k++, x += R, y += R) {
          const a0 = A[x]!, a1 = A[x + 1]!, a2 = A[x + 2]!, a3 = A[x + 3]!;
          const b0 = Bp[y]!, b1 = Bp[y + 1]!, b2 = Bp[y + 2]!, b3 = Bp[y + 3]!;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        const rows = Math.min(R, M - i0);
        const cols = Math.min(R, N - j0);
        if (rows === R && cols === R) {
          let o = co + i0 * N + j0;
          c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += N;
          c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += N;
          c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += N;
          c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
        } else {
          const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
          for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[co + (i0 + r) * N + j0 + q] = tile[r * R + q]!;
        }
      }
    }
  }
}
