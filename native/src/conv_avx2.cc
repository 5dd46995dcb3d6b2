// Fused conv2d forward, wide layout (conv.cc), as an implicit GEMM: out[o, p] = Σ_k w[o, k] ·
// xs[off[k] + p] read straight out of the padded image, so no im2col copy and no B-panel packing.
// Same 6×16 register tile and k order as the AVX2 GEMM kernel (gemm_avx2.cc), hence the same sums.
// COMPILE FLAGS: -O3 -mavx2 -mfma (this file only; conv.cc calls it only when the CPU reports
// avx2 and fma). Elsewhere it compiles to a stub that reports no kernel.
#include "conv_avx2.h"

#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>


namespace myelin {
namespace conv_avx2 {
namespace {

// Both tile kernels: R rows (output channels) × 16 columns starting at p, accumulated over k into
// c<i>0, c<i>1. Named accumulators, not arrays: GCC kept arrays of __m256 in registers but also
// stored them on every iteration.
#define MYELIN_ROWS(X) X(0) X(1) X(2) X(3) X(4) X(5)
#define MYELIN_ZERO(i) __m256 c##i##0 = _mm256_setzero_ps(), c##i##1 = c##i##0;
#define MYELIN_FMA(i)                                            \
  if constexpr (R > i) {                                         \
    const __m256 a = _mm256_broadcast_ss(w + i * CK + k);        \
    c##i##0 = _mm256_fmadd_ps(a, b0, c##i##0);                   \
    c##i##1 = _mm256_fmadd_ps(a, b1, c##i##1);                   \
  }
#define MYELIN_ACCUMULATE                                        \
  MYELIN_ROWS(MYELIN_ZERO)                                       \
  for (int64_t k = 0; k < CK; k++) {                             \
    const float* b = xs + off[k] + p;                            \
    const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8); \
    MYELIN_ROWS(MYELIN_FMA)                                      \
  }

// The tile stored at p of each row of `out` (rows ldo apart).
template <int R>
void tile16(int64_t CK, const float* w, const float* xs, const int64_t* off, int64_t p, float* out, int64_t ldo) {
  MYELIN_ACCUMULATE
#define MYELIN_STORE(i)                                  \
  if constexpr (R > i) {                                 \
    _mm256_storeu_ps(out + i * ldo + p, c##i##0);        \
    _mm256_storeu_ps(out + i * ldo + p + 8, c##i##1);    \
  }
  MYELIN_ROWS(MYELIN_STORE)
#undef MYELIN_STORE
}

template <int R>
void rows(int64_t CK, int64_t block, const float* w, const float* xs, const int64_t* off, float* out, int64_t ldo) {
  int64_t p = 0;
  for (; p + 16 <= block; p += 16) tile16<R>(CK, w, xs, off, p, out, ldo);
  // the last < 16 columns: the tile ending at the block's end again (same sums, rewritten), or,
  // for a block under 16, one at a time (reads stay inside [off[k], off[k] + block))
  if (p < block && block >= 16) return tile16<R>(CK, w, xs, off, block - 16, out, ldo);
  for (; p < block; p++) {
    for (int r = 0; r < R; r++) {
      float acc = 0.0f;
      for (int64_t k = 0; k < CK; k++) acc = __builtin_fmaf(w[r * CK + k], xs[off[k] + p], acc);
      out[r * ldo + p] = acc;
    }
  }
}

void conv_wide(int64_t O, int64_t CK, int64_t block, const float* w, const float* xs, const int64_t* off, float* out, int64_t ldo) {
  for (int64_t o = 0; o < O; o += 6) {
    const float* wo = w + o * CK;
    float* oo = out + o * ldo;
    switch (O - o < 6 ? O - o : 6) {
      case 1: rows<1>(CK, block, wo, xs, off, oo, ldo); break;
      case 2: rows<2>(CK, block, wo, xs, off, oo, ldo); break;
      case 3: rows<3>(CK, block, wo, xs, off, oo, ldo); break;
      case 4: rows<4>(CK, block, wo, xs, off, oo, ldo); break;
      case 5: rows<5>(CK, block, wo, xs, off, oo, ldo); break;
      default: rows<6>(CK, block, wo, xs, off, oo, ldo); break;
    }
  }
}

// x <= 0 ? +0 : x per lane (NaN compares false, so it passes), relu_forward's rule.
inline __m256 relu8(__m256 v) {
  return _mm256_andnot_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_LE_OQ), v);
}

// R rows × 16 columns of output row oy starting at ox, bias added (then relu when asked), stored
// into y (rows L apart); `mask` set: only the lanes it selects are stored (a row under 16 wide).
template <int R, bool Masked>
void out16(int64_t CK, const float* w, const float* xs, const int64_t* off, int64_t p, const float* bias, bool relu, float* y, int64_t L, __m256i m0, __m256i m1) {
  MYELIN_ACCUMULATE
#define MYELIN_STORE(i)                                                          \
  if constexpr (R > i) {                                                         \
    const __m256 bb = bias ? _mm256_broadcast_ss(bias + i) : _mm256_setzero_ps(); \
    if (bias) { c##i##0 = _mm256_add_ps(c##i##0, bb); c##i##1 = _mm256_add_ps(c##i##1, bb); } \
    if (relu) { c##i##0 = relu8(c##i##0); c##i##1 = relu8(c##i##1); }            \
    if constexpr (Masked) {                                                      \
      _mm256_maskstore_ps(y + i * L, m0, c##i##0);                               \
      _mm256_maskstore_ps(y + i * L + 8, m1, c##i##1);                           \
    } else {                                                                     \
      _mm256_storeu_ps(y + i * L, c##i##0);                                      \
      _mm256_storeu_ps(y + i * L + 8, c##i##1);                                  \
    }                                                                            \
  }
  MYELIN_ROWS(MYELIN_STORE)
#undef MYELIN_STORE
}

#undef MYELIN_ACCUMULATE
#undef MYELIN_FMA
#undef MYELIN_ZERO
#undef MYELIN_ROWS

template <int R>
void out_rows(int64_t CK, int64_t oh, int64_t ow, int64_t Wp, const float* w, const float* xs, const int64_t* off, const float* bias, bool relu, float* y, int64_t L) {
  if (ow < 16) {
    alignas(32) int32_t lanes[16];
    for (int j = 0; j < 16; j++) lanes[j] = j < ow ? -1 : 0;
    const __m256i m0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes));
    const __m256i m1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes + 8));
    for (int64_t oy = 0; oy < oh; oy++) out16<R, true>(CK, w, xs, off, oy * Wp, bias, relu, y + oy * ow, L, m0, m1);
    return;
  }
  const __m256i none = _mm256_setzero_si256();
  for (int64_t oy = 0; oy < oh; oy++) {
    int64_t ox = 0;
    for (; ox + 16 <= ow; ox += 16) out16<R, false>(CK, w, xs, off, oy * Wp + ox, bias, relu, y + oy * ow + ox, L, none, none);
    // the remainder: the tile ending at the row's end (same sums for the overlap, rewritten)
    if (ox < ow) out16<R, false>(CK, w, xs, off, oy * Wp + ow - 16, bias, relu, y + oy * ow + ow - 16, L, none, none);
  }
}

void conv_out(int64_t O, int64_t CK, int64_t oh, int64_t ow, int64_t Wp, const float* w, const float* xs, const int64_t* off, const float* bias, bool relu, float* y) {
  const int64_t L = oh * ow;
  for (int64_t o = 0; o < O; o += 6) {
    const float* wo = w + o * CK;
    const float* bo = bias ? bias + o : nullptr;
    float* yo = y + o * L;
    switch (O - o < 6 ? O - o : 6) {
      case 1: out_rows<1>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
      case 2: out_rows<2>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
      case 3: out_rows<3>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
      case 4: out_rows<4>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
      case 5: out_rows<5>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
      default: out_rows<6>(CK, oh, ow, Wp, wo, xs, off, bo, relu, yo, L); break;
    }
  }
}

// Weight gradient of the wide layout, implicit: dw[o, k] += Σ_p dy[o, p] · xs[off[k] + p], the
// rows of the virtual columns read straight out of the padded image (no im2col copy, no
// transposed packing). RO × RK dot products at a time: RO dy rows and RK shifted image rows,
// 8 columns per step; 4 × 3 uses 12 accumulators + 3 image vectors + 1 dy vector of the 16.
template <int RO, int RK>
void wgrad_tile(int64_t P, const float* dy, int64_t ldy, const float* xs, const int64_t* off, float* dw, int64_t CK) {
  __m256 acc[RO][RK];
#pragma GCC unroll 4
  for (int i = 0; i < RO; i++) {
#pragma GCC unroll 4
    for (int j = 0; j < RK; j++) acc[i][j] = _mm256_setzero_ps();
  }
  const float* xk[RK];
#pragma GCC unroll 4
  for (int j = 0; j < RK; j++) xk[j] = xs + off[j];
  int64_t p = 0;
  for (; p + 8 <= P; p += 8) {
    __m256 b[RK];
#pragma GCC unroll 4
    for (int j = 0; j < RK; j++) b[j] = _mm256_loadu_ps(xk[j] + p);
#pragma GCC unroll 4
    for (int i = 0; i < RO; i++) {
      const __m256 a = _mm256_loadu_ps(dy + i * ldy + p);
#pragma GCC unroll 4
      for (int j = 0; j < RK; j++) acc[i][j] = _mm256_fmadd_ps(a, b[j], acc[i][j]);
    }
  }
  for (int i = 0; i < RO; i++) {
    for (int j = 0; j < RK; j++) {
      alignas(32) float lanes[8];
      _mm256_store_ps(lanes, acc[i][j]);
      float t = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
      for (int64_t q = p; q < P; q++) t += dy[i * ldy + q] * xk[j][q];
      dw[i * CK + j] += t;
    }
  }
}

void conv_wgrad(int64_t O, int64_t CK, int64_t P, const float* dy, int64_t ldy, const float* xs, const int64_t* off, float* dw) {
  for (int64_t o = 0; o < O; o += 4) {
    const int ro = static_cast<int>(O - o < 4 ? O - o : 4);
    for (int64_t k = 0; k < CK; k += 3) {
      const int rk = static_cast<int>(CK - k < 3 ? CK - k : 3);
      const float* d = dy + o * ldy;
      float* w = dw + o * CK + k;
      switch (ro * 4 + rk) {
#define MYELIN_WG(RO, RK) case RO * 4 + RK: wgrad_tile<RO, RK>(P, d, ldy, xs, off + k, w, CK); break;
        MYELIN_WG(1, 1) MYELIN_WG(1, 2) MYELIN_WG(1, 3) MYELIN_WG(2, 1) MYELIN_WG(2, 2) MYELIN_WG(2, 3)
        MYELIN_WG(3, 1) MYELIN_WG(3, 2) MYELIN_WG(3, 3) MYELIN_WG(4, 1) MYELIN_WG(4, 2) MYELIN_WG(4, 3)
#undef MYELIN_WG
        default: break;
      }
    }
  }
}

}  // namespace
}  // namespace conv_avx2

ConvWideFn conv_wide_kernel_avx2() { return &conv_avx2::conv_wide; }
ConvOutFn conv_out_kernel_avx2() { return &conv_avx2::conv_out; }
ConvWgradFn conv_wgrad_kernel_avx2() { return &conv_avx2::conv_wgrad; }

}  // namespace myelin

#else

namespace myelin {
ConvWideFn conv_wide_kernel_avx2() { return nullptr; }
ConvOutFn conv_out_kernel_avx2() { return nullptr; }
ConvWgradFn conv_wgrad_kernel_avx2() { return nullptr; }
}  // namespace myelin

#endif
