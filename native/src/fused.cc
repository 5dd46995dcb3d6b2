// Fused kernels for hot composites (contract in fused.h): max pooling, relu and softmax
// cross-entropy (convolution is in conv.cc). Pooling is split over (n, c) planes, relu over
// elements; the loss runs on the calling thread (its rows are few and short).
#include "fused.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "parallel.h"

namespace myelin {
namespace {
#include "pool_kernels.inl"
}  // namespace

template <class T>
void maxpool2d_forward(const ConvGeom& g, const T* x, T* y, int32_t* idx) {
  // NOTE: baseline (SSE2) build on purpose: an AVX2 build of these loops measured no faster here
  // (pool_kernels.inl 2x2 path 0.63 vs 0.34 ms on [256,6,28,28]; the stride-2 loads become vpermd)
  const int64_t L = g.oh * g.ow;
  par_for(g.N * g.C, std::max<int64_t>(1, (1 << 14) / (L * g.kh * g.kw + 1)), [&](int64_t b, int64_t e) {
    if (idx != nullptr) pool_planes<T, true>(g, x, y, idx, b, e);
    else pool_planes<T, false>(g, x, y, nullptr, b, e);
  });
}

template <class T>
void maxpool2d_backward(const ConvGeom& g, const T* dy, const int32_t* idx, T* dx) {
  const int64_t L = g.oh * g.ow, HW = g.H * g.W;
  par_for(g.N * g.C, std::max<int64_t>(1, (1 << 14) / (L + HW + 1)), [&](int64_t b, int64_t e) {
    for (int64_t nc = b; nc < e; nc++) {
      T* d = dx + nc * HW;
      std::fill(d, d + HW, T(0));
      for (int64_t l = 0; l < L; l++) {
        const int32_t i = idx[nc * L + l];
        if (i >= 0 && i < HW) d[i] += dy[nc * L + l];
      }
    }
  });
}

template <class T>
void relu_forward(int64_t n, const T* __restrict x, T* __restrict y) {
  par_for(n, 1 << 15, [=](int64_t b, int64_t e) {
    const T* __restrict xs = x;
    T* __restrict out = y;
    for (int64_t i = b; i < e; i++) out[i] = xs[i] <= T(0) ? T(0) : xs[i];
  });
}

template <class T>
void relu_backward(int64_t n, const T* __restrict x, const T* __restrict dy, T* __restrict dx) {
  // a select, not a branch: x's signs are random, a branch would mispredict half the time
  par_for(n, 1 << 15, [=](int64_t b, int64_t e) {
    const T* __restrict xs = x;
    const T* __restrict ds = dy;
    T* __restrict out = dx;
    for (int64_t i = b; i < e; i++) {
      const T d = ds[i];
      out[i] = xs[i] <= T(0) ? T(0) : d;
    }
  });
}

template <class T>
double cross_entropy_forward(int64_t N, int64_t C, const T* x, const int32_t* t, int32_t ignore, T* logp, int64_t* kept) {
  // per row, as the composite: z = x - max; logp = z - log(Σ exp z) (the sum in double)
  double total = 0;
  int64_t count = 0;
  for (int64_t n = 0; n < N; n++) {
    const T* xr = x + n * C;
    T* lr = logp + n * C;
    T m = -static_cast<T>(INFINITY);
    bool nan = false;
    for (int64_t c = 0; c < C; c++) {
      nan = nan || std::isnan(xr[c]);
      m = xr[c] > m ? xr[c] : m;
    }
    if (nan) m = static_cast<T>(NAN);  // amax propagates NaN; inf rows give NaN like the composite
    double s = 0;
    for (int64_t c = 0; c < C; c++) {
      lr[c] = xr[c] - m;
      s += static_cast<double>(std::exp(lr[c]));
    }
    const T ls = std::log(static_cast<T>(s));
    for (int64_t c = 0; c < C; c++) lr[c] -= ls;
    const int32_t k = t[n];
    if (k != ignore && k >= 0 && k < C) {
      total -= static_cast<double>(lr[k]);
      count++;
    }
  }
  *kept = count;
  return total;
}

template <class T>
void cross_entropy_backward(int64_t N, int64_t C, const T* logp, const int32_t* t, int32_t ignore, double scale, T* dx) {
  const T sc = static_cast<T>(scale);
  for (int64_t n = 0; n < N; n++) {
    const int32_t k = t[n];
    const T* lr = logp + n * C;
    T* d = dx + n * C;
    if (k == ignore || k < 0 || k >= C) {
      std::fill(d, d + C, T(0));
      continue;
    }
    for (int64_t c = 0; c < C; c++) d[c] = (std::exp(lr[c]) - (c == k ? T(1) : T(0))) * sc;
  }
}

template void maxpool2d_forward<float>(const ConvGeom&, const float*, float*, int32_t*);
template void maxpool2d_forward<double>(const ConvGeom&, const double*, double*, int32_t*);
template void maxpool2d_backward<float>(const ConvGeom&, const float*, const int32_t*, float*);
template void maxpool2d_backward<double>(const ConvGeom&, const double*, const int32_t*, double*);
template void relu_forward<float>(int64_t, const float*, float*);
template void relu_forward<double>(int64_t, const double*, double*);
template void relu_backward<float>(int64_t, const float*, const float*, float*);
template void relu_backward<double>(int64_t, const double*, const double*, double*);
template double cross_entropy_forward<float>(int64_t, int64_t, const float*, const int32_t*, int32_t, float*, int64_t*);
template double cross_entropy_forward<double>(int64_t, int64_t, const double*, const int32_t*, int32_t, double*, int64_t*);
template void cross_entropy_backward<float>(int64_t, int64_t, const float*, const int32_t*, int32_t, double, float*);
template void cross_entropy_backward<double>(int64_t, int64_t, const double*, const int32_t*, int32_t, double, double*);

}  // namespace myelin
