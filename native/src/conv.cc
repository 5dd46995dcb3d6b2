// Fused conv2d forward and backward (contract in fused.h): im2col + GEMM per group of images,
// with the im2col columns in a per-thread scratch that stays in cache, the bias added while the
// output is hot, and dW accumulated per fixed share of the batch (shares summed in order, so
// results do not depend on timing). myelin::sgemm runs single-threaded inside a share.
//
// Two column layouts. General (any stride): column p = oy·ow + ox, each cols row built from
// `oh` short copies. Wide (stride 1): the image is first padded into a scratch [C, H', W'], and
// column p = oy·W' + ox for ox in [0, W'), so every cols row is ONE contiguous copy of oh·W'
// floats; the W' − ow extra columns per output row are computed and dropped. Backward keeps it
// exact: extra columns carry dY = 0, and where 0·(inf or NaN) could leak in (a non-finite input
// pixel or weight) those columns are zeroed first.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "conv_avx2.h"
#include "fused.h"
#include "gemm.h"
#include "parallel.h"
#if defined(MYELIN_HAVE_THREADS)
#include "threads.h"
#endif

namespace myelin {

namespace {

// Where the columns of one image live: `rowlen` columns per output row, `block` = oh·rowlen.
struct Layout {
  bool wide;
  int64_t rowlen, block;
  int64_t Hp, Wp, plane, slack;  // wide only: the padded image and the over-read at its end
};

Layout layout_of(const ConvGeom& g) {
  Layout l{};
  l.wide = g.sh == 1 && g.sw == 1;
  l.Hp = g.H + 2 * g.ph;
  l.Wp = g.W + 2 * g.pw;
  l.plane = l.Hp * l.Wp;
  l.slack = (g.kw - 1) * g.dw + 1;
  l.rowlen = l.wide ? l.Wp : g.ow;
  l.block = g.oh * l.rowlen;
  return l;
}

// General layout: cols[C·kh·kw, oh·ow] of one image, rows `ld` apart; padded taps hold 0.
void im2col_general(const ConvGeom& g, const float* x, float* cols, int64_t ld) {
  for (int64_t c = 0; c < g.C; c++) {
    const float* xc = x + c * g.H * g.W;
    for (int64_t ki = 0; ki < g.kh; ki++) {
      for (int64_t kj = 0; kj < g.kw; kj++, cols += ld) {
        const int64_t xoff = kj * g.dw - g.pw;  // ix = ox·sw + xoff; valid when 0 <= ix < W
        const int64_t lo = xoff >= 0 ? 0 : std::min(g.ow, (-xoff + g.sw - 1) / g.sw);
        const int64_t hi = std::max(lo, std::min(g.ow, (g.W - xoff + g.sw - 1) / g.sw));
        for (int64_t oy = 0; oy < g.oh; oy++) {
          float* o = cols + oy * g.ow;
          const int64_t iy = oy * g.sh - g.ph + ki * g.dh;
          if (iy < 0 || iy >= g.H) {
            std::fill(o, o + g.ow, 0.0f);
            continue;
          }
          const float* row = xc + iy * g.W + xoff;
          std::fill(o, o + lo, 0.0f);
          for (int64_t ox = lo; ox < hi; ox++) o[ox] = row[ox * g.sw];
          std::fill(o + hi, o + g.ow, 0.0f);
        }
      }
    }
  }
}

// The adjoint of im2col_general: dx (one image, zeroed by the caller) += cols.
void col2im_general(const ConvGeom& g, const float* cols, int64_t ld, float* dx) {
  for (int64_t c = 0; c < g.C; c++) {
    float* dc = dx + c * g.H * g.W;
    for (int64_t ki = 0; ki < g.kh; ki++) {
      for (int64_t kj = 0; kj < g.kw; kj++, cols += ld) {
        const int64_t xoff = kj * g.dw - g.pw;
        const int64_t lo = xoff >= 0 ? 0 : std::min(g.ow, (-xoff + g.sw - 1) / g.sw);
        const int64_t hi = std::max(lo, std::min(g.ow, (g.W - xoff + g.sw - 1) / g.sw));
        for (int64_t oy = 0; oy < g.oh; oy++) {
          const int64_t iy = oy * g.sh - g.ph + ki * g.dh;
          if (iy < 0 || iy >= g.H) continue;
          const float* s = cols + oy * g.ow;
          float* row = dc + iy * g.W + xoff;
          for (int64_t ox = lo; ox < hi; ox++) row[ox * g.sw] += s[ox];
        }
      }
    }
  }
}

// True when a holds no inf or NaN (exponent bits all ones); integer ops, so it vectorises.
bool all_finite(const float* a, int64_t n) {
  uint32_t bad = 0;
  for (int64_t i = 0; i < n; i++) {
    uint32_t b;
    std::memcpy(&b, a + i, sizeof b);
    bad |= static_cast<uint32_t>((b & 0x7f800000u) == 0x7f800000u);
  }
  return bad == 0;
}

// Wide layout: x copied into the padded image xs [C, H', W'], whose border and slack stay zero
// (the scratch is zeroed once). Returns whether all of x is finite (true without `check`).
bool pad_image(const ConvGeom& g, const Layout& l, const float* x, float* xs, bool check = true) {
  for (int64_t c = 0; c < g.C; c++) {
    for (int64_t iy = 0; iy < g.H; iy++) {
      std::memcpy(xs + c * l.plane + (iy + g.ph) * l.Wp + g.pw, x + (c * g.H + iy) * g.W, static_cast<size_t>(g.W) * sizeof(float));
    }
  }
  return !check || all_finite(x, g.C * g.H * g.W);
}

// Wide layout: each cols row (c, ki, kj) is one contiguous copy out of the padded image.
void im2col_wide(const ConvGeom& g, const Layout& l, const float* xs, float* cols, int64_t ld) {
  for (int64_t c = 0; c < g.C; c++) {
    for (int64_t ki = 0; ki < g.kh; ki++) {
      for (int64_t kj = 0; kj < g.kw; kj++, cols += ld) {
        std::memcpy(cols, xs + c * l.plane + ki * g.dh * l.Wp + kj * g.dw, static_cast<size_t>(l.block) * sizeof(float));
      }
    }
  }
}

// The adjoint of im2col_wide into the padded scratch dxs (zeroed by the caller).
void col2im_wide(const ConvGeom& g, const Layout& l, const float* cols, int64_t ld, float* dxs) {
  for (int64_t c = 0; c < g.C; c++) {
    for (int64_t ki = 0; ki < g.kh; ki++) {
      for (int64_t kj = 0; kj < g.kw; kj++, cols += ld) {
        float* d = dxs + c * l.plane + ki * g.dh * l.Wp + kj * g.dw;
        for (int64_t p = 0; p < l.block; p++) d[p] += cols[p];
      }
    }
  }
}

// Zeroes the extra (dropped) columns ox >= ow of `rows` rows of one image's block.
void zero_extra(const ConvGeom& g, const Layout& l, float* cols, int64_t rows, int64_t ld) {
  for (int64_t r = 0; r < rows; r++) {
    for (int64_t oy = 0; oy < g.oh; oy++) std::fill(cols + r * ld + oy * l.rowlen + g.ow, cols + r * ld + (oy + 1) * l.rowlen, 0.0f);
  }
}

GemmArgs gemm_args(int64_t M, int64_t N, int64_t K, int64_t a_sm, int64_t a_sk, int64_t b_sk, int64_t b_sn) {
  return GemmArgs{1, M, N, K, 0, a_sm, a_sk, 0, b_sk, b_sn};
}

// Images per GEMM: enough columns that packing and the N-edge tile are amortised, while one
// group's columns (C·kh·kw × nb·block floats) stay within about 256 KB (L2).
int64_t images_per_gemm(const ConvGeom& g, const Layout& l) {
  const int64_t CK = g.C * g.kh * g.kw;
  const int64_t by_width = (384 + l.block - 1) / l.block, by_cache = (int64_t(1) << 16) / std::max<int64_t>(1, CK * l.block);
  return std::max<int64_t>(1, std::min(by_width, by_cache));
}

// Fixed shares of the batch (not timing-dependent): one per thread, at most one per image.
int64_t shares(int64_t N) {
#if defined(MYELIN_HAVE_THREADS)
  return std::max<int64_t>(1, std::min<int64_t>(num_threads(), N));
#else
  return 1;
#endif
}

// Scratch of one share: the columns of a group, the GEMM output / dY of a group, padded images.
struct Scratch {
  std::vector<float> cols, out, xs, dxs, tmp;
  Scratch(const ConvGeom& g, const Layout& l, int64_t nb, bool backward) {
    const int64_t CK = g.C * g.kh * g.kw;
    cols.resize(static_cast<size_t>(CK * nb * l.block));
    out.resize(static_cast<size_t>(g.O * nb * l.block));
    // + 16: conv_out_kernel_avx2's rows under 16 wide read a full tile past the row
    if (l.wide) xs.resize(static_cast<size_t>(g.C * l.plane + l.slack + 16));
    if (l.wide && backward) dxs.resize(xs.size());
    if (backward) tmp.resize(static_cast<size_t>(g.O * CK));
  }
};

// Fills image i's block of the group's columns; returns whether its input is finite (wide only).
bool fill_cols(const ConvGeom& g, const Layout& l, const float* xn, Scratch& s, int64_t i, int64_t ld) {
  if (!l.wide) {
    im2col_general(g, xn, s.cols.data() + i * l.block, ld);
    return true;
  }
  const bool finite = pad_image(g, l, xn, s.xs.data());
  im2col_wide(g, l, s.xs.data(), s.cols.data() + i * l.block, ld);
  return finite;
}

// The AVX2 implicit-GEMM forward of the wide layout (conv_avx2.cc) when this CPU runs it and
// MYELIN_GEMM_KERNEL does not ask for the generic GEMM; else null (im2col + sgemm).
ConvWideFn wide_kernel() {
  static const ConvWideFn k = []() -> ConvWideFn {
    const char* want = std::getenv("MYELIN_GEMM_KERNEL");
    if (want && std::strcmp(want, "generic") == 0) return nullptr;
#if defined(MYELIN_X86_VARIANTS)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return conv_wide_kernel_avx2();
#endif
    return nullptr;
  }();
  return k;
}

// True when the environment variable `var` is "0": the switches that keep an older code path.
bool switched_off(const char* var) {
  const char* v = std::getenv(var);
  return v != nullptr && std::strcmp(v, "0") == 0;
}

// The implicit forward writing the NCHW output with the bias in its epilogue (conv_avx2.cc), when
// wide_kernel() is on and MYELIN_CONV_EPILOGUE is not 0 (that switch keeps the scratch + bias pass)
ConvOutFn out_kernel() {
  static const ConvOutFn k = wide_kernel() && !switched_off("MYELIN_CONV_EPILOGUE") ? conv_out_kernel_avx2() : nullptr;
  return k;
}

// The AVX2 implicit weight gradient of the wide layout (conv_avx2.cc) when wide_kernel() is on and
// MYELIN_CONV_WGRAD is not 0 (that switch keeps im2col + GEMM for dW); else null.
ConvWgradFn wgrad_kernel() {
  static const ConvWgradFn k = wide_kernel() && !switched_off("MYELIN_CONV_WGRAD") ? conv_wgrad_kernel_avx2() : nullptr;
  return k;
}

// Wide layout: tap k = (c, ki, kj) reads the padded image at off[k] + p for column p.
std::vector<int64_t> tap_offsets(const ConvGeom& g, const Layout& l) {
  std::vector<int64_t> off(static_cast<size_t>(g.C * g.kh * g.kw));
  for (int64_t c = 0, k = 0; c < g.C; c++) {
    for (int64_t ki = 0; ki < g.kh; ki++) for (int64_t kj = 0; kj < g.kw; kj++) off[static_cast<size_t>(k++)] = c * l.plane + ki * g.dh * l.Wp + kj * g.dw;
  }
  return off;
}

}  // namespace

void conv2d_forward(const ConvGeom& g, const float* x, const float* w, const float* bias, float* y, bool relu) {
  const Layout l = layout_of(g);
  const int64_t L = g.oh * g.ow, CK = g.C * g.kh * g.kw, nb = images_per_gemm(g, l), parts = shares(g.N);
  const ConvWideFn implicit = l.wide ? wide_kernel() : nullptr;
  // implicit: column p of tap k = (c, ki, kj) is xs[off[k] + p], the row im2col_wide would copy
  const std::vector<int64_t> off = implicit ? tap_offsets(g, l) : std::vector<int64_t>();
  // rows under 16 wide keep the scratch: one masked tile per row ran slower than the block's tiles
  // plus the copy (LeNet conv2, ow = 10: 2.2 -> 2.6 ms)
  const ConvOutFn direct = implicit && g.ow >= 16 ? out_kernel() : nullptr;
  if (direct) {
    // per image: pad, then tiles straight into y with the bias (and relu) added (no scratch output)
    par_for(g.N, 1, [&](int64_t n0, int64_t n1) {
      Scratch s(g, l, 0, false);
      for (int64_t n = n0; n < n1; n++) {
        pad_image(g, l, x + n * g.C * g.H * g.W, s.xs.data(), false);
        direct(g.O, CK, g.oh, g.ow, l.Wp, w, s.xs.data(), off.data(), bias, relu, y + n * g.O * L);
      }
    });
    return;
  }
  par_for(parts, 1, [&](int64_t p0, int64_t p1) {
    Scratch s(g, l, implicit ? 0 : nb, false);
    if (implicit) s.out.resize(static_cast<size_t>(g.O * nb * l.block));
    for (int64_t n0 = p0 * g.N / parts; n0 < p1 * g.N / parts; n0 += nb) {
      const int64_t m = std::min(nb, p1 * g.N / parts - n0), ld = m * l.block;
      if (implicit) {
        // straight from the padded image: no columns, no packing
        for (int64_t i = 0; i < m; i++) {
          pad_image(g, l, x + (n0 + i) * g.C * g.H * g.W, s.xs.data(), false);
          implicit(g.O, CK, l.block, w, s.xs.data(), off.data(), s.out.data() + i * l.block, ld);
        }
      } else {
        // the columns of m images side by side: [CK, m·block], one GEMM -> [O, m·block]
        for (int64_t i = 0; i < m; i++) fill_cols(g, l, x + (n0 + i) * g.C * g.H * g.W, s, i, ld);
        sgemm(gemm_args(g.O, ld, CK, CK, 1, ld, 1), w, s.cols.data(), s.out.data());
      }
      for (int64_t i = 0; i < m; i++) {
        for (int64_t o = 0; o < g.O; o++) {
          const float b = bias ? bias[o] : 0.0f;
          for (int64_t oy = 0; oy < g.oh; oy++) {
            const float* src = s.out.data() + o * ld + i * l.block + oy * l.rowlen;
            float* dst = y + ((n0 + i) * g.O + o) * L + oy * g.ow;
            if (relu) for (int64_t ox = 0; ox < g.ow; ox++) dst[ox] = relu1(src[ox] + b);
            else if (bias) for (int64_t ox = 0; ox < g.ow; ox++) dst[ox] = src[ox] + b;
            else std::memcpy(dst, src, static_cast<size_t>(g.ow) * sizeof(float));
          }
        }
      }
    }
  });
}

void conv2d_backward(const ConvGeom& g, const float* x, const float* w, const float* dy, float* dx, float* dw, float* db) {
  const Layout l = layout_of(g);
  const int64_t L = g.oh * g.ow, CK = g.C * g.kh * g.kw, OC = g.O * CK, nb = images_per_gemm(g, l), parts = shares(g.N);
  const bool w_finite = all_finite(w, OC);
  // dWᵀ = cols · dYᵀ packs only dY: best when O fills the GEMM's 16-wide tile well enough
  const bool dw_transposed = CK >= g.O && 2 * ((g.O + 15) / 16 * 16) <= 3 * g.O;
  // Otherwise dW without im2col: dY's wide rows dotted with the padded image's shifted rows, when
  // the input is finite (the extra columns then contribute 0 · finite = 0 exactly). LeNet conv1
  // (O = 6) backward at b64: 1343 -> 451 us; on conv2 (O = 16, rows of 14) it lost to the GEMM.
  const ConvWgradFn wgrad = l.wide && dw && !dw_transposed ? wgrad_kernel() : nullptr;
  const bool implicit_dw = wgrad && all_finite(x, g.N * g.C * g.H * g.W);
  const std::vector<int64_t> off = implicit_dw ? tap_offsets(g, l) : std::vector<int64_t>();
  std::vector<float> acc(static_cast<size_t>(dw ? parts * OC : 0), 0.0f), bacc(static_cast<size_t>(db ? parts * g.O : 0), 0.0f);
  par_for(parts, 1, [&](int64_t p0, int64_t p1) {
    Scratch s(g, l, nb, true);
    for (int64_t p = p0; p < p1; p++) {
      for (int64_t n0 = p * g.N / parts; n0 < (p + 1) * g.N / parts; n0 += nb) {
        const int64_t m = std::min(nb, (p + 1) * g.N / parts - n0), ld = m * l.block;
        // dY of m images side by side in the columns' layout (0 in the extra columns)
        for (int64_t i = 0; i < m; i++) {
          for (int64_t o = 0; o < g.O; o++) {
            for (int64_t oy = 0; oy < g.oh; oy++) {
              float* d = s.out.data() + o * ld + i * l.block + oy * l.rowlen;
              std::memcpy(d, dy + ((n0 + i) * g.O + o) * L + oy * g.ow, static_cast<size_t>(g.ow) * sizeof(float));
              std::fill(d + g.ow, d + l.rowlen, 0.0f);
            }
          }
        }
        if (db) {
          for (int64_t o = 0; o < g.O; o++) {
            // four partial sums in double (one chain would be bound by the add latency)
            const float* r = s.out.data() + o * ld;
            double s4[4] = {0, 0, 0, 0};
            int64_t j = 0;
            for (; j + 4 <= ld; j += 4) for (int k = 0; k < 4; k++) s4[k] += r[j + k];
            for (; j < ld; j++) s4[0] += r[j];
            bacc[static_cast<size_t>(p * g.O + o)] += static_cast<float>((s4[0] + s4[1]) + (s4[2] + s4[3]));
          }
        }
        if (implicit_dw) {
          for (int64_t i = 0; i < m; i++) {
            pad_image(g, l, x + (n0 + i) * g.C * g.H * g.W, s.xs.data(), false);
            wgrad(g.O, CK, l.block, s.out.data() + i * l.block, ld, s.xs.data(), off.data(), acc.data() + p * OC);
          }
        } else if (dw) {
          for (int64_t i = 0; i < m; i++) {
            if (!fill_cols(g, l, x + (n0 + i) * g.C * g.H * g.W, s, i, ld)) zero_extra(g, l, s.cols.data() + i * l.block, CK, ld);
          }
          float* a = acc.data() + p * OC;
          if (dw_transposed) {
            // dWᵀ [CK, O] = cols [CK, m·block] · dYᵀ: the GEMM packs the smaller operand (dY)
            // transposed, not the columns (LeNet conv2 backward 2.66 -> 2.05 ms). Only when O
            // fills the 16-wide tile well enough: conv1's O = 6 ran slower this way.
            sgemm(gemm_args(CK, g.O, ld, ld, 1, 1, ld), s.cols.data(), s.out.data(), s.tmp.data());
            for (int64_t o = 0; o < g.O; o++) for (int64_t r = 0; r < CK; r++) a[o * CK + r] += s.tmp[static_cast<size_t>(r * g.O + o)];
          } else {
            // dW [O, CK] = dY [O, m·block] · colsᵀ
            sgemm(gemm_args(g.O, CK, ld, ld, 1, 1, ld), s.out.data(), s.cols.data(), s.tmp.data());
            for (int64_t j = 0; j < OC; j++) a[j] += s.tmp[static_cast<size_t>(j)];
          }
        }
        if (dx) {
          // dcols = Wᵀ [CK, O] · dY [O, m·block], then summed back onto each image's pixels
          sgemm(gemm_args(CK, ld, g.O, 1, CK, ld, 1), w, s.out.data(), s.cols.data());
          for (int64_t i = 0; i < m; i++) {
            float* dxn = dx + (n0 + i) * g.C * g.H * g.W;
            const float* dc = s.cols.data() + i * l.block;
            if (!l.wide) {
              std::fill(dxn, dxn + g.C * g.H * g.W, 0.0f);
              col2im_general(g, dc, ld, dxn);
              continue;
            }
            if (!w_finite) zero_extra(g, l, s.cols.data() + i * l.block, CK, ld);
            std::fill(s.dxs.begin(), s.dxs.end(), 0.0f);
            col2im_wide(g, l, dc, ld, s.dxs.data());
            for (int64_t c = 0; c < g.C; c++) {
              for (int64_t iy = 0; iy < g.H; iy++) {
                std::memcpy(dxn + (c * g.H + iy) * g.W, s.dxs.data() + c * l.plane + (iy + g.ph) * l.Wp + g.pw, static_cast<size_t>(g.W) * sizeof(float));
              }
            }
          }
        }
      }
    }
  });
  if (dw) {
    std::copy(acc.begin(), acc.begin() + OC, dw);
    for (int64_t p = 1; p < parts; p++) for (int64_t j = 0; j < OC; j++) dw[j] += acc[static_cast<size_t>(p * OC + j)];
  }
  if (db) {
    std::copy(bacc.begin(), bacc.begin() + g.O, db);
    for (int64_t p = 1; p < parts; p++) for (int64_t o = 0; o < g.O; o++) db[o] += bacc[static_cast<size_t>(p * g.O + o)];
  }
}

}  // namespace myelin
