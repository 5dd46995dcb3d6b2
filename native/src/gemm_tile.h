// Myelin native backend: the GEMM register tile and packing loops, written once over a SIMD
// traits class and instantiated by each kernel file (gemm_avx512.cc, gemm_avx2.cc,
// gemm_generic.cc) under that file's -m flags. Include only from those files: the code generated
// here must never be inlined into a translation unit compiled for a different ISA.
//
// A traits class V provides: T (element), R (register), L (lanes), and
//   zero(), load(const T*), store(T*, R), bcast(const T*), add(a, b), fma(a, b, c) = a * b + c,
//   kTranspose8 and transpose8(src, ld, last, dst, dld): dst row c (c < 8) = column c of the 8×8
//   block whose row r is src + min(r, last)·ld (rows past `last` repeat it: nothing is read
//   beyond the operand), each dst row stored 8 wide at dst + c·dld.
// Loads and stores are unaligned: B may be read in place, and C rows have any length.
//
// The micro-kernel. C is row-major, so a tile is MR rows × NR = NV·L columns, and the NR columns
// of a row are NV vector registers. Per k step it loads NV vectors of the B panel row, broadcasts
// the MR A values of column k one at a time, and issues MR·NV independent FMAs into MR·NV
// accumulators that live in registers for the whole K loop (e.g. AVX-512 fp32 14×32: 28
// accumulators + 2 B vectors + 1 broadcast = 31 of 32 zmm; AVX2 fp32 6×16: 12 + 2 + 1 of 16 ymm).
// MR·NV must cover FMA latency × FMA ports (4 × 2 = 8 on Zen) so the FMA pipes never wait.
// Only at the end are the accumulators added to (or written over) C, once per K block.
#pragma once
#include <cstdint>
#include <cstring>
#include <utility>

#include "gemm_kernels.h"

namespace myelin {
namespace gemm {
// Internal linkage on purpose: every kernel file compiles its own copy under its own -m flags, and
// no inline function may be shared (and so possibly taken from an AVX-512 file) across files.
namespace {

#define MYELIN_UNROLL _Pragma("GCC unroll 32")

// Traits without a register transpose derive from this (the packing loops then stay scalar).
struct NoTranspose8 {
  static constexpr bool kTranspose8 = false;
  template <typename T>
  static void transpose8(const T*, int64_t, int, T*, int64_t) {}
};

template <class V, int MR, int NV>
struct Tile {
  using T = typename V::T;
  using R = typename V::R;
  static constexpr int NR = NV * V::L;

  // One tile with M rows (M <= MR) of the A panel; the row count is a template argument so that
  // edge tiles keep exactly M·NV accumulators and the loops fully unroll.
  // Independent accumulator sets: below 8 FMA chains (2 pipes × 4 cycles latency) a short tile
  // would wait on its own results, so tiles with 1-3 rows also split k across S register sets.
  template <int M>
  static constexpr int sets() {
    return M * NV >= 8 ? 1 : 8 / (M * NV) >= 4 ? 4 : 8 / (M * NV);
  }

  // One step of k for accumulator set `cr`: NV loads of B, M broadcasts of A, M·NV FMAs.
  template <int M>
  static inline void step(R (&cr)[M][NV], const T* ap, const T* b) {
    R bv[NV];
    MYELIN_UNROLL for (int j = 0; j < NV; ++j) bv[j] = V::load(b + j * V::L);
    MYELIN_UNROLL for (int i = 0; i < M; ++i) {
      R av = V::bcast(ap + i);
      MYELIN_UNROLL for (int j = 0; j < NV; ++j) cr[i][j] = V::fma(av, bv[j], cr[i][j]);
    }
  }

  // One tile with M rows (M <= MR) of the A panel; the row count is a template argument so that
  // edge tiles keep exactly M·NV accumulators and the loops fully unroll.
  template <int M>
  static void run(int64_t k, const T* ap, const T* b, int64_t ldb, T* c, int64_t ldc, bool acc) {
    constexpr int S = sets<M>();
    R cr[S][M][NV];
    MYELIN_UNROLL for (int s = 0; s < S; ++s)
      MYELIN_UNROLL for (int i = 0; i < M; ++i)
        MYELIN_UNROLL for (int j = 0; j < NV; ++j) cr[s][i][j] = V::zero();
    MYELIN_UNROLL for (int i = 0; i < M; ++i) {  // C is needed only at the end: fetch it now
      __builtin_prefetch(c + i * ldc, 1);
      __builtin_prefetch(c + i * ldc + NR - 1, 1);
    }
    int64_t p = 0;
    for (; p + S <= k; p += S) {
      MYELIN_UNROLL for (int s = 0; s < S; ++s) step<M>(cr[s], ap + s * MR, b + s * ldb);
      ap += S * MR;
      b += S * ldb;
    }
    for (; S > 1 && p < k; ++p, ap += MR, b += ldb) step<M>(cr[0], ap, b);
    MYELIN_UNROLL for (int s = 1; s < S; ++s)
      MYELIN_UNROLL for (int i = 0; i < M; ++i)
        MYELIN_UNROLL for (int j = 0; j < NV; ++j) cr[0][i][j] = V::add(cr[0][i][j], cr[s][i][j]);
    MYELIN_UNROLL for (int i = 0; i < M; ++i) {
      MYELIN_UNROLL for (int j = 0; j < NV; ++j) {
        T* cp = c + i * ldc + j * V::L;
        V::store(cp, acc ? V::add(V::load(cp), cr[0][i][j]) : cr[0][i][j]);
      }
    }
  }

  using Fn = void (*)(int64_t, const T*, const T*, int64_t, T*, int64_t, bool);
  template <size_t... I>
  static constexpr auto table(std::index_sequence<I...>) {
    struct Table { Fn f[MR + 1]; };
    return Table{{nullptr, &run<int(I) + 1>...}};
  }

  static void tile(int m, int64_t k, const T* ap, const T* b, int64_t ldb, T* c, int64_t ldc,
                   bool acc) {
    static constexpr auto fns = table(std::make_index_sequence<MR>());
    fns.f[m](k, ap, b, ldb, c, ldc, acc);
  }

  // Transposing copies (row-major A, column-major B) go through 8×8 register transposes when the
  // traits offer them (fp32 on AVX2/AVX-512), else through a scalar loop over 8-wide k strips.
  static constexpr bool kT8 = V::kTranspose8;

  // A panel: ap[p * MR + i] = a[i * sm + p * sk]. NOTE: with kT8 and MR < 8 the transposed rows
  // are stored 8 wide, spilling up to 8 - MR elements past the panel (the driver leaves slack;
  // panels are packed in order, so the spill is always overwritten by the next panel).
  static void pack_a(int m, int64_t k, const T* a, int64_t sm, int64_t sk, T* ap) {
    if (sm == 1 && m == MR) {  // column-major A (A^T of a row-major matrix): columns are runs
      for (int64_t p = 0; p < k; ++p) std::memcpy(ap + p * MR, a + p * sk, sizeof(T) * MR);
      return;
    }
    int64_t p = 0;
    if (sk == 1 && m == MR && kT8) {  // row-major A: transpose 8 rows × 8 columns at a time
      for (; p + 8 <= k; p += 8) {
        for (int i0 = 0; i0 < MR; i0 += 8) {
          const int i = MR < 8 ? 0 : (i0 + 8 <= MR ? i0 : MR - 8);  // last block overlaps
          V::transpose8(a + i * sm + p, sm, MR < 8 ? MR - 1 : 7, ap + p * MR + i, MR);
        }
      }
    }
    for (; p < k; ++p)
      for (int i = 0; i < m; ++i) ap[p * MR + i] = a[i * sm + p * sk];
  }

  // B panels for columns [0, n): panel q holds columns q·NR.. at bp + q·k·NR, with
  // bp[q·k·NR + p·NR + j] = b[p·sk + (q·NR + j)·sn], zero-filled beyond n.
  static void pack_b(int n, int64_t k, const T* b, int64_t sk, int64_t sn, T* bp) {
    const int full = n / NR;
    if (sn == 1) {  // row-major B: walk each row once across all panels (sequential reads)
      for (int64_t p = 0; p < k; ++p)
        for (int q = 0; q < full; ++q)
          MYELIN_UNROLL for (int j = 0; j < NV; ++j)
            V::store(bp + q * k * NR + p * NR + j * V::L, V::load(b + p * sk + q * NR + j * V::L));
    } else if (sk == 1) {  // column-major B (B^T of a row-major matrix): transpose k-strips
      for (int q = 0; q < full; ++q) {
        const T* bq = b + q * NR * sn;
        T* dq = bp + q * k * NR;
        int64_t p = 0;
        if (kT8)
          for (; p + 8 <= k; p += 8)
            for (int j = 0; j < NR; j += 8)
              V::transpose8(bq + j * sn + p, sn, 7, dq + p * NR + j, NR);
        for (; p < k; ++p)
          for (int j = 0; j < NR; ++j) dq[p * NR + j] = bq[j * sn + p];
      }
    } else {
      for (int q = 0; q < full; ++q)
        for (int64_t p = 0; p < k; ++p)
          for (int j = 0; j < NR; ++j) bp[q * k * NR + p * NR + j] = b[p * sk + (q * NR + j) * sn];
    }
    if (const int r = n - full * NR) {  // partial last panel
      const T* bq = b + full * NR * sn;
      T* dq = bp + full * k * NR;
      for (int64_t p = 0; p < k; ++p) {
        for (int j = 0; j < r; ++j) dq[p * NR + j] = bq[p * sk + j * sn];
        for (int j = r; j < NR; ++j) dq[p * NR + j] = T(0);
      }
    }
  }

  static constexpr Kernel<T> make(const char* name, int kc, int mc, int nc) {
    return Kernel<T>{name, MR, NR, kc, mc, nc, &tile, &pack_a, &pack_b};
  }
};

#undef MYELIN_UNROLL

}  // namespace
}  // namespace gemm
}  // namespace myelin
