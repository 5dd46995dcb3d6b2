// Myelin native backend: SIMD traits for gemm_tile.h on x86-64 (see the traits contract there).
// Each set is only defined when the including file is compiled with its ISA flags, so this header
// is safe to include from any kernel file: gemm_avx2.cc gets the AVX2 set, gemm_avx512.cc both.
#pragma once
#if defined(__x86_64__)
#include <immintrin.h>

namespace myelin {
namespace gemm {
// Internal linkage on purpose: every kernel file compiles its own copy under its own -m flags, and
// no inline function may be shared (and so possibly taken from an AVX-512 file) across files.
namespace {

#if defined(__AVX2__) && defined(__FMA__)
struct F32x8 {
  using T = float;
  using R = __m256;
  static constexpr int L = 8;
  static R zero() { return _mm256_setzero_ps(); }
  static R load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, R v) { _mm256_storeu_ps(p, v); }
  static R bcast(const T* p) { return _mm256_broadcast_ss(p); }
  static R add(R a, R b) { return _mm256_add_ps(a, b); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
};

struct F64x4 {
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
  static R zero() { return _mm512_setzero_ps(); }
  static R load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static R bcast(const T* p) { return _mm512_set1_ps(*p); }
  static R add(R a, R b) { return _mm512_add_ps(a, b); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
};

struct F64x8 {
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
