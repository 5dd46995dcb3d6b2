// Myelin native backend: the GEMM register tile and packing loops, written once over a SIMD
// traits class and instantiated by each kernel file (gemm_avx512.cc, gemm_avx2.cc,
// gemm_generic.cc) under that file's -m flags. Include only from those files: the code generated
// here must never be inlined into a translation unit compiled for a different ISA.
//
// A traits class V provides: T (element), R (register), L (lanes), and
//   zero(), load(const T*), store(T*, R), bcast(const T*), add(a, b), fma(a, b, c) = a * b + c.
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

template <class V, int MR, int NV>
struct Tile {
  using T = typename V::T;
  using R = typename V::R;
  static constexpr int NR = NV * V::L;

  // One tile with M rows (M <= MR) of the A panel; the row count is a template argument so that
  // edge tiles keep exactly M·NV accumulators and the loops fully unroll.
  template <int M>
  static void run(int64_t k, const T* ap, const T* b, int64_t ldb, T* c, int64_t ldc, bool acc) {
    R cr[M][NV];
    MYELIN_UNROLL for (int i = 0; i < M; ++i) {
      MYELIN_UNROLL for (int j = 0; j < NV; ++j) cr[i][j] = V::zero();
      __builtin_prefetch(c + i * ldc, 1);
      __builtin_prefetch(c + i * ldc + NR - 1, 1);
    }
    for (int64_t p = 0; p < k; ++p) {
      R bv[NV];
      MYELIN_UNROLL for (int j = 0; j < NV; ++j) bv[j] = V::load(b + j * V::L);
      MYELIN_UNROLL for (int i = 0; i < M; ++i) {
        R av = V::bcast(ap + i);
        MYELIN_UNROLL for (int j = 0; j < NV; ++j) cr[i][j] = V::fma(av, bv[j], cr[i][j]);
      }
      ap += MR;
      b += ldb;
    }
    MYELIN_UNROLL for (int i = 0; i < M; ++i) {
      MYELIN_UNROLL for (int j = 0; j < NV; ++j) {
        T* cp = c + i * ldc + j * V::L;
        V::store(cp, acc ? V::add(V::load(cp), cr[i][j]) : cr[i][j]);
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

  // A panel: ap[p * MR + i] = a[i * sm + p * sk]. Row-major A (sk == 1) is a small transpose:
  // read each row sequentially and scatter it into the panel, which is L1-resident.
  static void pack_a(int m, int64_t k, const T* a, int64_t sm, int64_t sk, T* ap) {
    if (sm == 1) {  // column-major A (A^T of a row-major matrix): a column is m contiguous values
      for (int64_t p = 0; p < k; ++p) std::memcpy(ap + p * MR, a + p * sk, sizeof(T) * m);
    } else if (sk == 1 && m == MR) {
      for (int64_t p0 = 0; p0 < k; p0 += 8) {  // 8 columns at a time keep MR rows streaming
        int64_t p1 = p0 + 8 < k ? p0 + 8 : k;
        MYELIN_UNROLL for (int i = 0; i < MR; ++i) {
          const T* row = a + i * sm;
          for (int64_t p = p0; p < p1; ++p) ap[p * MR + i] = row[p];
        }
      }
    } else {
      for (int64_t p = 0; p < k; ++p)
        for (int i = 0; i < m; ++i) ap[p * MR + i] = a[i * sm + p * sk];
    }
  }

  // B panel: bp[p * NR + j] = b[p * sk + j * sn], zero beyond n.
  static void pack_b(int n, int64_t k, const T* b, int64_t sk, int64_t sn, T* bp) {
    if (sn == 1 && n == NR) {  // row-major B: each panel row is one contiguous copy
      for (int64_t p = 0; p < k; ++p)
        MYELIN_UNROLL for (int j = 0; j < NV; ++j)
          V::store(bp + p * NR + j * V::L, V::load(b + p * sk + j * V::L));
    } else if (sk == 1) {  // column-major B (B^T of a row-major matrix): read each column once
      for (int64_t p0 = 0; p0 < k; p0 += 8) {
        int64_t p1 = p0 + 8 < k ? p0 + 8 : k;
        for (int j = 0; j < n; ++j) {
          const T* col = b + j * sn;
          for (int64_t p = p0; p < p1; ++p) bp[p * NR + j] = col[p];
        }
        for (int64_t p = p0; p < p1; ++p)
          for (int j = n; j < NR; ++j) bp[p * NR + j] = T(0);
      }
    } else {
      for (int64_t p = 0; p < k; ++p) {
        for (int j = 0; j < n; ++j) bp[p * NR + j] = b[p * sk + j * sn];
        for (int j = n; j < NR; ++j) bp[p * NR + j] = T(0);
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
