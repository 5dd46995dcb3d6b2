// FMA peak probe, AVX2: COMPILE FLAGS -O3 -mavx2 -mfma.
// 12 independent accumulator chains (2 FMA pipes × 4-5 cycles latency needs >= 10) with no
// memory traffic: the loop runs at the core's FMA throughput, i.e. its peak.
#include "bench.h"
#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>

double bench::fma_probe_avx2(int64_t iters) {
  constexpr int kChains = 12;
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm256_set1_ps(1e-3f * float(i));
  const __m256 x = _mm256_set1_ps(0.9999999f), y = _mm256_set1_ps(1e-7f);
  for (int64_t it = 0; it < iters; ++it)
    for (int i = 0; i < kChains; ++i) acc[i] = _mm256_fmadd_ps(acc[i], x, y);
  __m256 s = acc[0];
  for (int i = 1; i < kChains; ++i) s = _mm256_add_ps(s, acc[i]);
  volatile float sink = _mm256_cvtss_f32(s);
  (void)sink;
  return double(iters) * kChains * 8 * 2;
}
#else
double bench::fma_probe_avx2(int64_t) { return 0; }
#endif
