// FMA peak probe, AVX-512: COMPILE FLAGS -O3 -mavx512f -mavx2 -mfma.
// 16 independent zmm accumulator chains (2 FMA pipes × 4 cycles latency needs >= 8) with no
// memory traffic: the loop runs at the core's 512-bit FMA throughput, i.e. its peak.
#include "bench.h"
#if defined(__x86_64__) && defined(__AVX512F__)
#include <immintrin.h>

double bench::fma_probe_avx512(int64_t iters) {
  constexpr int kChains = 16;
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_ps(1e-3f * float(i));
  const __m512 x = _mm512_set1_ps(0.9999999f), y = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iters; ++it)
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
  __m512 s = acc[0];
  for (int i = 1; i < kChains; ++i) s = _mm512_add_ps(s, acc[i]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, s);  // (not _mm512_reduce_add_ps: GCC 12 warns inside its header)
  volatile float sink = lanes[0];
  (void)sink;
  return double(iters) * kChains * 16 * 2;
}
#else
double bench::fma_probe_avx512(int64_t) { return 0; }
#endif
