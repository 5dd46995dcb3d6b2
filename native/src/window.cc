// im2col / col2im over NCHW, the sliding-window unfold that conv and pooling are built on, and
// its adjoint. Column row index is c*kh*kw + ki*kw + kj; column index is oy*ow + ox (the
// reference's layout, src/backend/js/kernels/window.ts). Work is split by (n, c) planes.
#include <cstddef>
#include <vector>

#include "parallel.h"
#include "views.h"

namespace myelin {
namespace {

int64_t out_size(int64_t size, int64_t k, int64_t s, int64_t p, int64_t d) {
  const int64_t span = size + 2 * p - d * (k - 1) - 1;
  return span < 0 ? 0 : span / s + 1;
}

bool bad_window(const Window& w) {
  return w.kh < 1 || w.kw < 1 || w.sh < 1 || w.sw < 1 || w.dh < 1 || w.dw < 1 || w.ph < 0 || w.pw < 0;
}

template <class T>
void im2col_plane(const T* x, int64_t sh, int64_t sw, int64_t H, int64_t W, const Window& w, int64_t oh, int64_t ow,
                  T pad, T* o) {
  for (int64_t ki = 0; ki < w.kh; ki++) {
    for (int64_t kj = 0; kj < w.kw; kj++) {
      for (int64_t oy = 0; oy < oh; oy++) {
        const int64_t iy = oy * w.sh - w.ph + ki * w.dh;
        const bool row_ok = iy >= 0 && iy < H;
        for (int64_t ox = 0; ox < ow; ox++) {
          const int64_t ix = ox * w.sw - w.pw + kj * w.dw;
          *o++ = row_ok && ix >= 0 && ix < W ? x[iy * sh + ix * sw] : pad;
        }
      }
    }
  }
}

template <class T>
void im2col_typed(const ViewDesc& x, const Window& w, double pad_value, const ViewDesc& out, int64_t oh, int64_t ow) {
  const int64_t C = x.shape[1], H = x.shape[2], W = x.shape[3];
  const T* xd = static_cast<const T*>(x.data) + x.offset;
  T* od = static_cast<T*>(out.data) + out.offset;
  const int64_t plane = w.kh * w.kw * oh * ow;
  const T pad = static_cast<T>(pad_value);
  par_for(x.shape[0] * C, (1 << 14) / (plane + 1) + 1, [&](int64_t b, int64_t e) {
    for (int64_t nc = b; nc < e; nc++) {
      const int64_t n = nc / C, c = nc % C;
      im2col_plane(xd + n * x.strides[0] + c * x.strides[1], x.strides[2], x.strides[3], H, W, w, oh, ow, pad,
                   od + nc * plane);
    }
  });
}

template <class T>
void col2im_typed(const ViewDesc& cols, const Window& w, const ViewDesc& out, int64_t oh, int64_t ow) {
  const int64_t C = out.shape[1], H = out.shape[2], W = out.shape[3];
  const T* cd = static_cast<const T*>(cols.data) + cols.offset;
  T* od = static_cast<T*>(out.data) + out.offset;
  const int64_t s0 = cols.strides[0], s1 = cols.strides[1], s2 = cols.strides[2];
  par_for(out.shape[0] * C, (1 << 14) / (w.kh * w.kw * oh * ow + 1) + 1, [&](int64_t b, int64_t e) {
    // Accumulate in float64 in the reference's order, then store.
    std::vector<double> acc(static_cast<std::size_t>(H * W));
    for (int64_t nc = b; nc < e; nc++) {
      const int64_t n = nc / C, c = nc % C;
      for (double& v : acc) v = 0;
      for (int64_t ki = 0; ki < w.kh; ki++) {
        for (int64_t kj = 0; kj < w.kw; kj++) {
          const T* row = cd + n * s0 + (c * w.kh * w.kw + ki * w.kw + kj) * s1;
          for (int64_t oy = 0; oy < oh; oy++) {
            const int64_t iy = oy * w.sh - w.ph + ki * w.dh;
            if (iy < 0 || iy >= H) continue;
            for (int64_t ox = 0; ox < ow; ox++) {
              const int64_t ix = ox * w.sw - w.pw + kj * w.dw;
              if (ix >= 0 && ix < W) acc[static_cast<std::size_t>(iy * W + ix)] += static_cast<double>(row[(oy * ow + ox) * s2]);
            }
          }
        }
      }
      T* o = od + nc * H * W;
      for (int64_t i = 0; i < H * W; i++) o[i] = static_cast<T>(acc[static_cast<std::size_t>(i)]);
    }
  });
}

}  // namespace

const char* im2col_view(const ViewDesc& x, const Window& w, double pad_value, const ViewDesc& out) {
  if (x.ndim != 4 || out.ndim != 3 || bad_window(w) || x.dtype != out.dtype) return "im2col: bad arguments";
  const int64_t oh = out_size(x.shape[2], w.kh, w.sh, w.ph, w.dh), ow = out_size(x.shape[3], w.kw, w.sw, w.pw, w.dw);
  if (out.shape[0] != x.shape[0] || out.shape[1] != x.shape[1] * w.kh * w.kw || out.shape[2] != oh * ow ||
      !is_contiguous(out)) {
    return "im2col: output shape";
  }
  if (out.numel == 0) return nullptr;
  switch (x.dtype) {
    case kF32: im2col_typed<float>(x, w, pad_value, out, oh, ow); break;
    case kF64: im2col_typed<double>(x, w, pad_value, out, oh, ow); break;
    case kI32: im2col_typed<int32_t>(x, w, pad_value, out, oh, ow); break;
    case kU8: im2col_typed<uint8_t>(x, w, pad_value, out, oh, ow); break;
  }
  return nullptr;
}

const char* col2im_view(const ViewDesc& cols, const Window& w, const ViewDesc& out) {
  if (cols.ndim != 3 || out.ndim != 4 || bad_window(w) || cols.dtype != out.dtype) return "col2im: bad arguments";
  if (out.dtype != kF32 && out.dtype != kF64) return "col2im: float dtypes only";
  const int64_t oh = out_size(out.shape[2], w.kh, w.sh, w.ph, w.dh), ow = out_size(out.shape[3], w.kw, w.sw, w.pw, w.dw);
  if (cols.shape[0] != out.shape[0] || cols.shape[1] != out.shape[1] * w.kh * w.kw || cols.shape[2] != oh * ow ||
      !is_contiguous(out)) {
    return "col2im: shapes";
  }
  if (out.numel == 0) return nullptr;
  if (out.dtype == kF32) col2im_typed<float>(cols, w, out, oh, ow);
  else col2im_typed<double>(cols, w, out, oh, ow);
  return nullptr;
}

}  // namespace myelin
