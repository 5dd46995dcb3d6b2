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

// The windows oy, ox in [lo, hi) of one output row, whose taps all lie inside the plane, tap by
// tap across the row (no bounds checks, select instead of branches, so it vectorises). First
// maximum wins; the first NaN wins over everything. yb/ib are the output row.
template <class T, int SW>
void pool_row_inside(const ConvGeom& g, const T* xp, int64_t iy0, int64_t lo, int64_t hi, T* yb, int32_t* ib) {
  // SW > 0: the column stride as a constant (so the strided loads vectorise); 0: g.sw at run time
  const int32_t sw = SW > 0 ? SW : static_cast<int32_t>(g.sw);
  const int32_t start = static_cast<int32_t>(iy0 * g.W - g.pw);
  const T* r0 = xp + start;
  for (int64_t ox = lo; ox < hi; ox++) {
    yb[ox] = r0[ox * sw];
    ib[ox] = start + static_cast<int32_t>(ox) * sw;
  }
  for (int64_t ki = 0; ki < g.kh; ki++) {
    for (int64_t kj = ki == 0 ? 1 : 0; kj < g.kw; kj++) {
      const int32_t off = static_cast<int32_t>(ki * g.dh * g.W + kj * g.dw);
      const T* __restrict r = r0 + off;
      T* __restrict yr = yb;
      int32_t* __restrict ir = ib;
      for (int64_t ox = lo; ox < hi; ox++) {
        const T v = r[ox * sw], b = yr[ox];
        const int32_t cand = start + static_cast<int32_t>(ox) * sw + off, cur = ir[ox];
        const bool take = !(v <= b) & (b == b);
        yr[ox] = take ? v : b;
        ir[ox] = take ? cand : cur;
      }
    }
  }
}

template <class T>
void pool_row(const ConvGeom& g, const T* xp, int64_t iy0, int64_t lo, int64_t hi, T* yb, int32_t* ib) {
  if (g.sw == 1) pool_row_inside<T, 1>(g, xp, iy0, lo, hi, yb, ib);
  else if (g.sw == 2) pool_row_inside<T, 2>(g, xp, iy0, lo, hi, yb, ib);
  else pool_row_inside<T, 0>(g, xp, iy0, lo, hi, yb, ib);
}

}  // namespace

template <class T>
void maxpool2d_forward(const ConvGeom& g, const T* x, T* y, int32_t* idx) {
  const int64_t L = g.oh * g.ow, HW = g.H * g.W;
  // output columns whose windows lie inside the input horizontally: [lo, hi)
  const int64_t lo = std::min(g.ow, (g.pw + g.sw - 1) / g.sw);
  const int64_t last = g.W - 1 + g.pw - (g.kw - 1) * g.dw;
  const int64_t hi = last < 0 ? lo : std::max(lo, std::min(g.ow, last / g.sw + 1));
  par_for(g.N * g.C, std::max<int64_t>(1, (1 << 14) / (L * g.kh * g.kw + 1)), [&](int64_t b, int64_t e) {
    for (int64_t nc = b; nc < e; nc++) {
      const T* xp = x + nc * HW;
      T* yp = y + nc * L;
      int32_t* ip = idx + nc * L;
      for (int64_t oy = 0; oy < g.oh; oy++) {
        const int64_t iy0 = oy * g.sh - g.ph;
        const bool rows_in = iy0 >= 0 && iy0 + (g.kh - 1) * g.dh < g.H;
        if (rows_in) pool_row(g, xp, iy0, lo, hi, yp + oy * g.ow, ip + oy * g.ow);
        for (int64_t ox = 0; ox < g.ow; ox++) {
          if (rows_in && ox == lo) ox = hi;  // done above
          if (ox >= g.ow) break;
          const int64_t ix0 = ox * g.sw - g.pw;
          // taps in (ki, kj) order, out-of-input ones as -inf at index -1: argmax's rule
          T best = 0;
          int64_t at = -2;
          for (int64_t ki = 0; ki < g.kh; ki++) {
            const int64_t iy = iy0 + ki * g.dh;
            for (int64_t kj = 0; kj < g.kw; kj++) {
              const int64_t ix = ix0 + kj * g.dw;
              const bool in = iy >= 0 && iy < g.H && ix >= 0 && ix < g.W;
              const T v = in ? xp[iy * g.W + ix] : -static_cast<T>(INFINITY);
              if (at == -2 || (!std::isnan(best) && (v > best || std::isnan(v)))) {
                best = v;
                at = in ? iy * g.W + ix : -1;
              }
            }
          }
          yp[oy * g.ow + ox] = best;
          ip[oy * g.ow + ox] = static_cast<int32_t>(at);
        }
      }
    }
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
