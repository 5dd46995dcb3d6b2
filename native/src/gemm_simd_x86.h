// Myelin native backend: SIMD traits for gemm_tile.h on x86-64 (see the traits contract there).
// Each set is only defined when the including file is compiled with its ISA flags, so this header
// is safe to include from any kernel file: gemm_avx2.cc gets the AVX2 set, gemm_avx512.cc both.
#pragma once
#if defined(__x86_64__)
#include <immintrin.h>

#include "gemm_tile.h"

namespace myelin {
namespace gemm {
// Internal linkage on purpose: every kernel file compiles its own copy under its own -m flags, and
// no inline function may be shared (and so possibly taken from an AVX-512 file) across files.
namespace {

#if defined(__AVX2__) && defined(__FMA__)
// 8×8 fp32 transpose in registers (the packing helper of gemm_tile.h): dst row c = column c of
// the block whose row r is src + min(r, last)·ld. 24 shuffles per 64 elements.
inline void transpose8x8_ps(const float* src, int64_t ld, int last, float* dst, int64_t dld) {
  __m256 r[8], t[8];
  for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(src + (i < last ? i : last) * ld);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);      // a0 b0 a1 b1 | a4 b4 a5 b5
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);  // a2 b2 a3 b3 | a6 b6 a7 b7
  }
  for (int i = 0; i < 8; i += 4) {
    r[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));      // col 0 | col 4
    r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));  // col 1 | col 5
    r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));  // col 2 | 6
    r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));  // col 3 | 7
  }
  for (int c = 0; c < 4; ++c) {
    t[c] = _mm256_permute2f128_ps(r[c], r[c + 4], 0x20);
    t[c + 4] = _mm256_permute2f128_ps(r[c], r[c + 4], 0x31);
  }
  // Stores strictly in row order: with dld < 8 (pack_a for MR < 8) each store spills into the
  // next row, which the next store then overwrites.
  for (int c = 0; c < 8; ++c) _mm256_storeu_ps(dst + c * dld, t[c]);
}

struct F32x8 {
  using T = float;
  using R = __m256;
  static constexpr int L = 8;
  static constexpr bool kTranspose8 = true;
  static void transpose8(const T* s, int64_t ld, int last, T* d, int64_t dld) {
    transpose8x8_ps(s, ld, last, d, dld);
  }
  static R zero() { return _mm256_setzero_ps(); }
  static R load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, R v) { _mm256_storeu_ps(p, v); }
  static R bcast(const T* p) { return _mm256_broadcast_ss(p); }
  static R add(R a, R b) { return _mm256_add_ps(a, b); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
};

struct F64x4 : NoTranspose8 {
  using T = double;
  using R = __m256d;
  static constexpr int L = 4;
  static R zero() { return _mm256_setzero_pd(); }
  static R load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, R v) { _mm256_storeu_pd(p, v); }
  static R bcast(const T* p) { return _mm256_broadcast_sd(p); }
  static R add(R a, R b) { return _mm256_add_pd(a, b); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
};
#endif

#if defined(__AVX512F__)
struct F32x16 {
  using T = float;
  using R = __m512;
  static constexpr int L = 16;
  static constexpr bool kTranspose8 = true;  // the AVX2 transpose: AVX-512 CPUs all have AVX2
  static void transpose8(const T* s, int64_t ld, int last, T* d, int64_t dld) {
    transpose8x8_ps(s, ld, last, d, dld);
  }
  static R zero() { return _mm512_setzero_ps(); }
  static R load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static R bcast(const T* p) { return _mm512_set1_ps(*p); }
  static R add(R a, R b) { return _mm512_add_ps(a, b); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
};

struct F64x8 : NoTranspose8 {
  using T = double;
  using R = __m512d;
  static constexpr int L = 8;
  static R zero() { return _mm512_setzero_pd(); }
  static R load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, R v) { _mm512_storeu_pd(p, v); }
  static R bcast(const T* p) { return _mm512_set1_pd(*p); }
  static R add(R a, R b) { return _mm512_add_pd(a, b); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
};
#endif

}  // namespace
}  // namespace gemm
}  // namespace myelin
#endif  // __x86_64__
