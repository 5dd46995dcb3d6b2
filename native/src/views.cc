// Baseline kernels that move data more than they compute: copy (pad and cat use it), cast,
// where, argmax, cumsum, gather, scatter. They mirror the reference backend's loops and store
// rules (src/backend/js/kernels/*.ts); im2col/col2im live in window.cc.
#include <math.h>

#include <atomic>

#include "parallel.h"
#include "views.h"

namespace myelin {
namespace {
#include "iterate.inl"

constexpr int64_t kCopyGrain = 1 << 16;

// Calls f(T{}) with T the C type of `t`.
template <class F>
const char* by_type(DType t, F f) {
  switch (t) {
    case kF32: return f(float{});
    case kF64: return f(double{});
    case kI32: return f(int32_t{});
    case kU8: return f(uint8_t{});
  }
  return "unknown dtype";
}

// The reference's store rules: a typed-array store converts like JS (ToInt32 wraps, NaN -> 0),
// and cast to bool is x != 0.
inline int32_t to_int32_js(double v) {
  if (!(v == v) || v == INFINITY || v == -INFINITY) return 0;
  if (v > -2147483649.0 && v < 2147483648.0) return static_cast<int32_t>(v);
  double m = fmod(trunc(v), 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return static_cast<int32_t>(static_cast<uint32_t>(m));
}
template <class To, class From>
inline To convert(From v) {
  if constexpr (sizeof(To) == 1) {
    return v != 0 ? 1 : 0;
  } else if constexpr (sizeof(To) == 4 && static_cast<To>(0.5) == 0) {
    return to_int32_js(static_cast<double>(v));
  } else {
    return static_cast<To>(v);
  }
}

bool same_shape(const ViewDesc& a, const ViewDesc& b) {
  if (a.ndim != b.ndim) return false;
  for (int d = 0; d < a.ndim; d++) if (a.shape[d] != b.shape[d]) return false;
  return true;
}

// A view of v over `shape` with the stride of `dim` set to 0 (the base offsets gather/scatter use).
ViewDesc zero_dim(const ViewDesc& v, const ViewDesc& like, int dim) {
  ViewDesc z = v;
  for (int d = 0; d < v.ndim; d++) {
    z.shape[d] = like.shape[d];
    if (d == dim) z.strides[d] = 0;
  }
  z.numel = like.numel;
  return z;
}

// Row-major counters over every dim of x but `dim`, for x and out (same shape).
void other_dims(const ViewDesc& v, int dim, int64_t* shape, int64_t* strides) {
  for (int d = 0, k = 0; d < v.ndim; d++) {
    if (d == dim) continue;
    shape[k] = v.shape[d];
    strides[k++] = v.strides[d];
  }
}

}  // namespace

int elem_size(DType t) { return t == kF64 ? 8 : t == kU8 ? 1 : 4; }

bool is_contiguous(const ViewDesc& v) {
  if (v.numel == 0) return true;
  int64_t expected = 1;
  for (int d = v.ndim - 1; d >= 0; d--) {
    if (v.shape[d] != 1 && v.strides[d] != expected) return false;
    expected *= v.shape[d];
  }
  return true;
}

void make_plan(int ndim, const int64_t* shape, const ViewDesc* const* views, int nviews, Plan& p) {
  p.nops = nviews;
  p.numel = 1;
  int nd = 0;
  for (int d = 0; d < ndim; d++) {
    p.numel *= shape[d];
    if (shape[d] == 1) continue;
    bool merge = nd > 0;
    for (int k = 0; k < nviews && merge; k++) merge = p.strides[k][nd - 1] == views[k]->strides[d] * shape[d];
    if (merge) {
      p.shape[nd - 1] *= shape[d];
      for (int k = 0; k < nviews; k++) p.strides[k][nd - 1] = views[k]->strides[d];
      continue;
    }
    p.shape[nd] = shape[d];
    for (int k = 0; k < nviews; k++) p.strides[k][nd] = views[k]->strides[d];
    nd++;
  }
  p.ndim = nd;
  for (int k = 0; k < nviews; k++) {
    p.base[k] = static_cast<char*>(views[k]->data) + views[k]->offset * elem_size(views[k]->dtype);
    p.dtype[k] = views[k]->dtype;
  }
}

const char* copy_view(const ViewDesc& x, const ViewDesc& out) {
  if (x.dtype != out.dtype || !same_shape(x, out)) return "copy: dtype or shape differs";
  if (out.numel == 0) return nullptr;
  const ViewDesc* vs[2] = {&x, &out};
  Plan p;
  make_plan(out.ndim, out.shape, vs, 2, p);
  return by_type(x.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    par_for(p.numel, kCopyGrain, [&](int64_t b, int64_t e) {
      walk_plan(p, b, e, [&](const int64_t* off, const int64_t* inner, int64_t n) {
        const T* s = static_cast<const T*>(p.base[0]) + off[0];
        T* o = static_cast<T*>(p.base[1]) + off[1];
        const int64_t ss = inner[0], os = inner[1];
        if (ss == 1 && os == 1) for (int64_t i = 0; i < n; i++) o[i] = s[i];
        else for (int64_t i = 0; i < n; i++) o[i * os] = s[i * ss];
      });
    });
    return nullptr;
  });
}

const char* cast_view(const ViewDesc& x, const ViewDesc& out) {
  if (!same_shape(x, out)) return "cast: shapes differ";
  if (out.numel == 0) return nullptr;
  const ViewDesc* vs[2] = {&x, &out};
  Plan p;
  make_plan(out.ndim, out.shape, vs, 2, p);
  return by_type(x.dtype, [&](auto from) -> const char* {
    return by_type(out.dtype, [&](auto to) -> const char* {
      using F = decltype(from);
      using T = decltype(to);
      par_for(p.numel, kCopyGrain, [&](int64_t b, int64_t e) {
        walk_plan(p, b, e, [&](const int64_t* off, const int64_t* inner, int64_t n) {
          const F* s = static_cast<const F*>(p.base[0]) + off[0];
          T* o = static_cast<T*>(p.base[1]) + off[1];
          // unit strides (the usual contiguous copy) get a loop the compiler vectorises
          if (inner[0] == 1 && inner[1] == 1) for (int64_t i = 0; i < n; i++) o[i] = convert<T>(s[i]);
          else for (int64_t i = 0; i < n; i++) o[i * inner[1]] = convert<T>(s[i * inner[0]]);
        });
      });
      return nullptr;
    });
  });
}

const char* where_view(const ViewDesc& c, const ViewDesc& a, const ViewDesc& b, const ViewDesc& out) {
  if (c.dtype != kU8 || a.dtype != out.dtype || b.dtype != out.dtype) return "where: dtypes differ";
  if (!same_shape(c, out) || !same_shape(a, out) || !same_shape(b, out)) return "where: shapes differ";
  if (out.numel == 0) return nullptr;
  const ViewDesc* vs[4] = {&c, &a, &b, &out};
  Plan p;
  make_plan(out.ndim, out.shape, vs, 4, p);
  return by_type(out.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    par_for(p.numel, kCopyGrain, [&](int64_t b0, int64_t e0) {
      walk_plan(p, b0, e0, [&](const int64_t* off, const int64_t* in, int64_t n) {
        const uint8_t* cp = static_cast<const uint8_t*>(p.base[0]) + off[0];
        const T* ap = static_cast<const T*>(p.base[1]) + off[1];
        const T* bp = static_cast<const T*>(p.base[2]) + off[2];
        T* o = static_cast<T*>(p.base[3]) + off[3];
        if (in[0] == 1 && in[3] == 1 && (in[1] == 0 || in[1] == 1) && (in[2] == 0 || in[2] == 1)) {
          // contiguous condition and output, each value contiguous or a broadcast scalar (relu-like)
          // restrict pointers and fixed strides per case, so the compiler vectorises the select
          // (a branch on random conditions mispredicts half the time)
          const uint8_t* __restrict cr = cp;
          const T* __restrict ar = ap;
          const T* __restrict br = bp;
          T* __restrict orr = o;
          if (in[1] == 1 && in[2] == 1) {
            for (int64_t i = 0; i < n; i++) {
              const T av = ar[i], bv = br[i];
              orr[i] = cr[i] ? av : bv;
            }
          } else if (in[1] == 1) {
            const T bv = br[0];
            for (int64_t i = 0; i < n; i++) {
              const T av = ar[i];
              orr[i] = cr[i] ? av : bv;
            }
          } else if (in[2] == 1) {
            const T av = ar[0];
            for (int64_t i = 0; i < n; i++) {
              const T bv = br[i];
              orr[i] = cr[i] ? av : bv;
            }
          } else {
            const T av = ar[0], bv = br[0];
            for (int64_t i = 0; i < n; i++) orr[i] = cr[i] ? av : bv;
          }
        } else {
          for (int64_t i = 0; i < n; i++) o[i * in[3]] = cp[i * in[0]] ? ap[i * in[1]] : bp[i * in[2]];
        }
      });
    });
    return nullptr;
  });
}

const char* argmax_view(const ViewDesc& x, int dim, const ViewDesc& out) {
  if (out.dtype != kI32 || dim < 0 || dim >= x.ndim) return "argmax: bad dim or output dtype";
  const int64_t len = x.shape[dim];
  int64_t rows = 1;
  for (int d = 0; d < x.ndim; d++) rows *= d == dim ? 1 : x.shape[d];
  if (out.numel != rows || !is_contiguous(out)) return "argmax: output shape";
  int32_t* o = static_cast<int32_t*>(out.data) + out.offset;
  if (len == 0) {
    for (int64_t r = 0; r < out.numel; r++) o[r] = 0;  // the reference writes index 0
    return nullptr;
  }
  int64_t shape[kMaxDims], strides[kMaxDims];
  other_dims(x, dim, shape, strides);
  const int64_t st = x.strides[dim];
  return by_type(x.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    const T* xd = static_cast<const T*>(x.data) + x.offset;
    par_for(rows, (1 << 16) / len + 1, [&](int64_t b, int64_t e) {
      Counter c;
      counter_start(c, x.ndim - 1, shape, strides, b);
      for (int64_t r = b; r < e; r++, counter_next(c)) {
        const T* p = xd + c.off;
        T best = p[0];
        int32_t bi = 0;
        for (int64_t j = 1; j < len; j++) {
          const T v = p[j * st];
          if (best != best) break;  // NaN counts as largest: the first NaN wins
          if (v > best || v != v) {
            best = v;
            bi = static_cast<int32_t>(j);
          }
        }
        o[r] = bi;
      }
    });
    return nullptr;
  });
}

const char* cumsum_view(const ViewDesc& x, int dim, const ViewDesc& out) {
  if (x.dtype != out.dtype || (x.dtype != kF32 && x.dtype != kF64)) return "cumsum: float dtypes only";
  if (!same_shape(x, out) || dim < 0 || dim >= x.ndim) return "cumsum: bad shape or dim";
  if (x.numel == 0) return nullptr;
  const int64_t len = x.shape[dim];
  const int64_t rows = x.numel / len;
  int64_t shape[kMaxDims], xs[kMaxDims], os[kMaxDims];
  other_dims(x, dim, shape, xs);
  other_dims(out, dim, shape, os);
  return by_type(x.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    const T* xd = static_cast<const T*>(x.data) + x.offset;
    T* od = static_cast<T*>(out.data) + out.offset;
    par_for(rows, (1 << 15) / len + 1, [&](int64_t b, int64_t e) {
      Counter cx, co;
      counter_start(cx, x.ndim - 1, shape, xs, b);
      counter_start(co, x.ndim - 1, shape, os, b);
      for (int64_t r = b; r < e; r++, counter_next(cx), counter_next(co)) {
        double acc = 0;
        for (int64_t j = 0; j < len; j++) {
          acc += static_cast<double>(xd[cx.off + j * x.strides[dim]]);
          od[co.off + j * out.strides[dim]] = static_cast<T>(acc);
        }
      }
    });
    return nullptr;
  });
}

const char* gather_view(const ViewDesc& x, int dim, const ViewDesc& index, const ViewDesc& out) {
  if (index.dtype != kI32 || out.dtype != x.dtype) return "gather: dtypes";
  if (dim < 0 || dim >= x.ndim || index.ndim != x.ndim || !same_shape(index, out)) return "gather: shapes";
  for (int d = 0; d < x.ndim; d++) if (d != dim && index.shape[d] > x.shape[d]) return "gather: index larger than input";
  if (out.numel == 0) return nullptr;
  const ViewDesc xz = zero_dim(x, index, dim);
  const ViewDesc* vs[3] = {&xz, &index, &out};
  Plan p;
  make_plan(out.ndim, out.shape, vs, 3, p);
  const int64_t size = x.shape[dim], sd = x.strides[dim];
  std::atomic<bool> bad{false};
  const char* err = by_type(x.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    par_for(p.numel, kCopyGrain, [&](int64_t b, int64_t e) {
      walk_plan(p, b, e, [&](const int64_t* off, const int64_t* in, int64_t n) {
        const T* xp = static_cast<const T*>(p.base[0]) + off[0];
        const int32_t* ip = static_cast<const int32_t*>(p.base[1]) + off[1];
        T* o = static_cast<T*>(p.base[2]) + off[2];
        for (int64_t i = 0; i < n; i++) {
          const int64_t v = ip[i * in[1]];
          if (v < 0 || v >= size) {
            bad.store(true, std::memory_order_relaxed);
            continue;
          }
          o[i * in[2]] = xp[i * in[0] + v * sd];
        }
      });
    });
    return nullptr;
  });
  return err ? err : bad.load() ? "gather: index out of range" : nullptr;
}

const char* scatter_view(const ViewDesc& x, int dim, const ViewDesc& index, const ViewDesc& src, bool accumulate,
                         const ViewDesc& out) {
  if (index.dtype != kI32 || src.dtype != out.dtype) return "scatter: dtypes";
  if (dim < 0 || dim >= out.ndim || index.ndim != out.ndim || src.ndim != out.ndim) return "scatter: shapes";
  for (int d = 0; d < out.ndim; d++) {
    if ((d != dim && index.shape[d] > out.shape[d]) || index.shape[d] > src.shape[d]) return "scatter: index too large";
  }
  if (const char* err = copy_view(x, out)) return err;
  if (index.numel == 0) return nullptr;
  const ViewDesc oz = zero_dim(out, index, dim);
  ViewDesc sv = src;
  for (int d = 0; d < src.ndim; d++) sv.shape[d] = index.shape[d];
  const ViewDesc* vs[3] = {&oz, &index, &sv};
  Plan p;
  make_plan(index.ndim, index.shape, vs, 3, p);
  const int64_t size = out.shape[dim], sd = out.strides[dim];
  bool bad = false;
  // NOTE: sequential on purpose: repeated indices keep the last write (or the reference's sum order).
  const char* err = by_type(out.dtype, [&](auto zero) -> const char* {
    using T = decltype(zero);
    walk_plan(p, 0, p.numel, [&](const int64_t* off, const int64_t* in, int64_t n) {
      T* op = static_cast<T*>(p.base[0]) + off[0];
      const int32_t* ip = static_cast<const int32_t*>(p.base[1]) + off[1];
      const T* sp = static_cast<const T*>(p.base[2]) + off[2];
      for (int64_t i = 0; i < n; i++) {
        const int64_t v = ip[i * in[1]];
        if (v < 0 || v >= size) {
          bad = true;
          continue;
        }
        T& dst = op[i * in[0] + v * sd];
        const T s = sp[i * in[2]];
        if (!accumulate) dst = s;
        else if constexpr (sizeof(T) == 4 && static_cast<T>(0.5) == 0) dst = to_int32_js(static_cast<double>(dst) + s);
        else dst = static_cast<T>(dst + s);
      }
    });
    return nullptr;
  });
  return err ? err : bad ? "scatter: index out of range" : nullptr;
}

}  // namespace myelin
