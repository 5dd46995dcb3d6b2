// Myelin native backend: the N-API binding. Each function takes the views' typed arrays, whose
// memory the kernels read and write in place (no copies); the views themselves (per view: ndim,
// shape, offset, strides; then op-specific numbers) are written beforehand into `meta`, a
// Float64Array the addon owns and exports.
// The TypeScript side (src/backend/native/) validates every call first; the checks here repeat
// the memory-safety ones (every addressed element inside its array) so no call can crash.
#include <node_api.h>

#include <cstring>
#include <exception>
#include <new>

#include "common.h"
#include "napi_guard.h"
#include "optim.h"
#include "parallel.h"
#include "views.h"
#if defined(MYELIN_HAVE_GEMM)
#include "gemm.h"
#endif

namespace myelin {
napi_status register_fused(napi_env env, napi_value exports);   // fused_addon.cc
napi_status register_linear(napi_env env, napi_value exports);  // linear_addon.cc
const char* tune_malloc();                                       // malloc_tuning.cc
}

#define MYELIN_ELEMENTWISE_LISTS_ONLY
#include "generated/elementwise.inc"

namespace myelin {
namespace {

constexpr int kMaxArgs = 8;
// Bumped whenever the calling convention changes; src/backend/native/addon.ts refuses others.
constexpr int kAbiVersion = 3;  // 3: relu flag on conv2dForward/linearForward
constexpr double kMaxExact = 9007199254740992.0;  // 2^53

struct Call {
  explicit Call(napi_env e) : env(e) {}
  napi_env env;
  size_t argc = kMaxArgs;
  napi_value argv[kMaxArgs] = {};
  const double* meta = nullptr;
  size_t meta_len = 0;
  size_t pos = 0;  // next unread meta entry
};

// Reads a typed array's element pointer, dtype and length (fails for anything else).
bool typed_array(napi_env env, napi_value v, void** data, DType* dtype, int64_t* length) {
  napi_typedarray_type type;
  size_t len = 0;
  if (napi_get_typedarray_info(env, v, &type, &len, data, nullptr, nullptr) != napi_ok) return false;
  switch (type) {
    case napi_float32_array: *dtype = kF32; break;
    case napi_float64_array: *dtype = kF64; break;
    case napi_int32_array: *dtype = kI32; break;
    case napi_uint8_array: *dtype = kU8; break;
    default: return false;
  }
  *length = static_cast<int64_t>(len);
  return *data != nullptr || len == 0;
}

// The meta array: one per Node environment (worker), made at load and exported as `meta`, so a
// call does not pay for looking up one more typed array. NOTE: internal; nothing may detach it.
constexpr size_t kMetaLen = 512;
struct Instance {
  napi_ref meta_ref;
  const double* meta;
};

void free_instance(napi_env env, void* data, void*) {
  Instance* inst = static_cast<Instance*>(data);
  napi_delete_reference(env, inst->meta_ref);
  delete inst;
}

// Reads the call's arguments and finds this environment's meta array.
const char* begin(Call& c, napi_callback_info info) {
  if (napi_get_cb_info(c.env, info, &c.argc, c.argv, nullptr, nullptr) != napi_ok) return "bad call";
  void* data = nullptr;
  if (napi_get_instance_data(c.env, &data) != napi_ok || data == nullptr) return "addon not initialised";
  c.meta = static_cast<Instance*>(data)->meta;
  c.meta_len = kMetaLen;
  return nullptr;
}

// The next meta entry as an integer; false when missing, fractional or too large.
bool next_int(Call& c, int64_t* out) {
  if (c.pos >= c.meta_len) return false;
  const double v = c.meta[c.pos++];
  if (!(v >= -kMaxExact && v <= kMaxExact) || v != static_cast<double>(static_cast<int64_t>(v))) return false;
  *out = static_cast<int64_t>(v);
  return true;
}

bool next_double(Call& c, double* out) {
  if (c.pos >= c.meta_len) return false;
  *out = c.meta[c.pos++];
  return true;
}

// Reads one view (meta: ndim, shape, offset, strides) over argv[arg] and checks its bounds.
const char* read_view(Call& c, size_t arg, ViewDesc& v) {
  if (arg >= c.argc) return "missing array argument";
  if (!typed_array(c.env, c.argv[arg], &v.data, &v.dtype, &v.length)) return "expected a typed array";
  int64_t nd;
  if (!next_int(c, &nd) || nd < 0 || nd > kMaxDims) return "bad ndim";
  v.ndim = static_cast<int>(nd);
  bool empty = false;
  for (int d = 0; d < v.ndim; d++) {
    if (!next_int(c, &v.shape[d]) || v.shape[d] < 0) return "bad shape";
    empty = empty || v.shape[d] == 0;
  }
  if (!next_int(c, &v.offset)) return "bad offset";
  for (int d = 0; d < v.ndim; d++) if (!next_int(c, &v.strides[d])) return "bad strides";
  v.numel = empty ? 0 : 1;
  int64_t lo = v.offset, hi = v.offset;
  for (int d = 0; d < v.ndim && !empty; d++) {
    int64_t span;
    if (__builtin_mul_overflow(v.numel, v.shape[d], &v.numel) ||
        __builtin_mul_overflow(v.shape[d] - 1, v.strides[d], &span) ||
        __builtin_add_overflow(span < 0 ? lo : hi, span, span < 0 ? &lo : &hi)) {
      return "view too large";
    }
  }
  if (v.numel > 0 && (lo < 0 || hi >= v.length)) return "view out of bounds of its array";
  return nullptr;
}

const char* read_views(Call& c, size_t first_arg, ViewDesc* views, int n) {
  c.pos = 0;
  int64_t count;
  if (!next_int(c, &count) || count != n) return "wrong number of views";
  for (int i = 0; i < n; i++) {
    if (const char* err = read_view(c, first_arg + static_cast<size_t>(i), views[i])) return err;
  }
  return nullptr;
}

bool same_shape(const ViewDesc& a, const ViewDesc& b) {
  if (a.ndim != b.ndim) return false;
  for (int d = 0; d < a.ndim; d++) if (a.shape[d] != b.shape[d]) return false;
  return true;
}

int64_t grain_for(bool costly) { return costly ? (1 << 12) : (1 << 15); }

#define MYELIN_TRY(expr)                              \
  do {                                                \
    if (const char* err_ = (expr)) return fail(c.env, err_); \
  } while (0)

napi_value unary(napi_env env, napi_callback_info info) {
  Call c(env);
  MYELIN_TRY(begin(c, info));
  ViewDesc v[2];
  MYELIN_TRY(read_views(c, 1, v, 2));
  int32_t op = -1;
  napi_get_value_int32(env, c.argv[0], &op);
  int n_ops = 0;
#define MYELIN_COUNT(i, F, name) n_ops++;
  MYELIN_UNARY_LIST(MYELIN_COUNT)
#undef MYELIN_COUNT
  if (op < 0 || op >= n_ops) return fail(env, "unary: unknown op");
  if (!same_shape(v[0], v[1]) || !is_contiguous(v[1])) return fail(env, "unary: shapes");
  if (v[1].numel == 0) return nullptr;
  const ViewDesc* vs[2] = {&v[0], &v[1]};
  Plan p;
  make_plan(v[1].ndim, v[1].shape, vs, 2, p);
  const IsaKernels& k = isa();
  if (!k.unary(op, p, 0, 0)) return fail(env, "unary: unsupported dtypes");  // an empty range only checks
  return guarded(env, [&]() -> napi_value {
    par_for(p.numel, grain_for(k.unary_costly(op)), [&](int64_t b, int64_t e) { k.unary(op, p, b, e); });
    return nullptr;
  });
}

napi_value binary(napi_env env, napi_callback_info info) {
  Call c(env);
  MYELIN_TRY(begin(c, info));
  ViewDesc v[3];
  MYELIN_TRY(read_views(c, 1, v, 3));
  int32_t op = -1;
  napi_get_value_int32(env, c.argv[0], &op);
  int n_ops = 0;
#define MYELIN_COUNT(i, F, name) n_ops++;
  MYELIN_BINARY_LIST(MYELIN_COUNT)
#undef MYELIN_COUNT
  if (op < 0 || op >= n_ops) return fail(env, "binary: unknown op");
  if (!same_shape(v[0], v[2]) || !same_shape(v[1], v[2]) || !is_contiguous(v[2])) return fail(env, "binary: shapes");
  if (v[2].numel == 0) return nullptr;
  const ViewDesc* vs[3] = {&v[0], &v[1], &v[2]};
  Plan p;
  make_plan(v[2].ndim, v[2].shape, vs, 3, p);
  const IsaKernels& k = isa();
  if (!k.binary(op, p, 0, 0)) return fail(env, "binary: unsupported dtypes");  // an empty range only checks
  return guarded(env, [&]() -> napi_value {
    par_for(p.numel, grain_for(k.binary_costly(op)), [&](int64_t b, int64_t e) { k.binary(op, p, b, e); });
    return nullptr;
  });
}

// meta extras: one 0/1 per dim of x (1 = reduced).
napi_value reduce(napi_env env, napi_callback_info info) {
  Call c(env);
  MYELIN_TRY(begin(c, info));
  ViewDesc v[2];
  MYELIN_TRY(read_views(c, 1, v, 2));
  const ViewDesc &x = v[0], &out = v[1];
  int32_t op = -1;
  napi_get_value_int32(env, c.argv[0], &op);
  if (op < kSum || op > kAmax) return fail(env, "reduce: unknown op");
  if (x.dtype != out.dtype || (x.dtype != kF32 && x.dtype != kF64)) return fail(env, "reduce: float dtypes only");
  if (out.ndim != x.ndim || !is_contiguous(out)) return fail(env, "reduce: output shape");
  ReducePlan r;
  r.dtype = x.dtype;
  r.nkept = r.nred = 0;
  r.red_numel = 1;
  for (int d = 0; d < x.ndim; d++) {
    int64_t flag;
    if (!next_int(c, &flag) || (flag != 0 && flag != 1)) return fail(env, "reduce: bad dims");
    if (out.shape[d] != (flag ? 1 : x.shape[d])) return fail(env, "reduce: output shape");
    const int64_t n = x.shape[d], s = x.strides[d];
    if (n == 1) continue;
    int& cnt = flag ? r.nred : r.nkept;
    int64_t* shape = flag ? r.red_shape : r.kept_shape;
    int64_t* strides = flag ? r.red_strides : r.kept_strides;
    if (flag) r.red_numel *= n;
    if (cnt > 0 && strides[cnt - 1] == s * n) {  // merge with the previous dim of the same kind
      shape[cnt - 1] *= n;
      strides[cnt - 1] = s;
    } else {
      shape[cnt] = n;
      strides[cnt++] = s;
    }
  }
  if (out.numel == 0) return nullptr;
  const int es = elem_size(x.dtype);
  r.x = static_cast<const char*>(x.data) + x.offset * es;
  r.out = static_cast<char*>(out.data) + out.offset * es;
  if (x.numel == 0) {  // nothing to reduce: every output is the identity, like the reference
    const double init = op == kSum ? 0.0 : op == kProd ? 1.0 : -__builtin_inf();
    for (int64_t i = 0; i < out.numel; i++) {
      if (x.dtype == kF32) static_cast<float*>(r.out)[i] = static_cast<float>(init);
      else static_cast<double*>(r.out)[i] = init;
    }
    return nullptr;
  }
  const IsaKernels& k = isa();
  const int64_t grain = (1 << 15) / r.red_numel + 1;
  return guarded(env, [&]() -> napi_value {
    par_for(out.numel, grain, [&](int64_t b, int64_t e) { k.reduce(op, r, b, e); });
    return nullptr;
  });
}

// Functions of the form f(meta, arrays...) with n views, then kernel-specific meta numbers.
template <int N, class F>
napi_value with_views(napi_env env, napi_callback_info info, F f) {
  Call c(env);
  MYELIN_TRY(begin(c, info));
  ViewDesc v[N];
  MYELIN_TRY(read_views(c, 0, v, N));
  return guarded(env, [&]() -> napi_value {
    MYELIN_TRY(f(c, v));
    return nullptr;
  });
}

const char* read_dim(Call& c, const ViewDesc& x, int* dim) {
  int64_t d;
  if (!next_int(c, &d) || d < 0 || d >= (x.ndim > 0 ? x.ndim : 1)) return "bad dim";
  *dim = static_cast<int>(d);
  return nullptr;
}

const char* read_window(Call& c, Window& w) {
  int64_t* f[8] = {&w.kh, &w.kw, &w.sh, &w.sw, &w.ph, &w.pw, &w.dh, &w.dw};
  for (int64_t* p : f) if (!next_int(c, p)) return "bad window";
  return nullptr;
}

napi_value copy(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call&, ViewDesc* v) { return copy_view(v[0], v[1]); });
}
napi_value cast(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call&, ViewDesc* v) { return cast_view(v[0], v[1]); });
}
napi_value where(napi_env env, napi_callback_info info) {
  return with_views<4>(env, info, [](Call&, ViewDesc* v) { return where_view(v[0], v[1], v[2], v[3]); });
}
napi_value argmax(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    int dim;
    if (const char* err = read_dim(c, v[0], &dim)) return err;
    return argmax_view(v[0], dim, v[1]);
  });
}
napi_value cumsum(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    int dim;
    if (const char* err = read_dim(c, v[0], &dim)) return err;
    return cumsum_view(v[0], dim, v[1]);
  });
}
napi_value gather(napi_env env, napi_callback_info info) {
  return with_views<3>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    int dim;
    if (const char* err = read_dim(c, v[0], &dim)) return err;
    return gather_view(v[0], dim, v[1], v[2]);
  });
}
napi_value scatter(napi_env env, napi_callback_info info) {
  return with_views<4>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    int dim;
    int64_t acc;
    if (const char* err = read_dim(c, v[0], &dim)) return err;
    if (!next_int(c, &acc)) return "bad accumulate flag";
    return scatter_view(v[0], dim, v[1], v[2], acc != 0, v[3]);
  });
}
napi_value im2col(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    Window w;
    double pad;
    if (const char* err = read_window(c, w)) return err;
    if (!next_double(c, &pad)) return "bad pad value";
    return im2col_view(v[0], w, pad, v[1]);
  });
}
napi_value col2im(napi_env env, napi_callback_info info) {
  return with_views<2>(env, info, [](Call& c, ViewDesc* v) -> const char* {
    Window w;
    if (const char* err = read_window(c, w)) return err;
    return col2im_view(v[0], w, v[1]);
  });
}

#if defined(MYELIN_HAVE_GEMM)
// a [B,M,K] @ b [B,K,N] -> out [B,M,N] contiguous; non-negative strides (the caller copies others).
napi_value matmul(napi_env env, napi_callback_info info) {
  return with_views<3>(env, info, [](Call&, ViewDesc* v) -> const char* {
    const ViewDesc &a = v[0], &b = v[1], &out = v[2];
    if (a.ndim != 3 || b.ndim != 3 || out.ndim != 3 || a.dtype != b.dtype || a.dtype != out.dtype) return "matmul: operands";
    if (a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1] || out.shape[0] != a.shape[0] || out.shape[1] != a.shape[1] ||
        out.shape[2] != b.shape[2] || !is_contiguous(out)) {
      return "matmul: shapes";
    }
    for (int d = 0; d < 3; d++) if (a.strides[d] < 0 || b.strides[d] < 0) return "matmul: negative strides";
    if (out.numel == 0) return nullptr;
    const GemmArgs g{a.shape[0], a.shape[1], b.shape[2], a.shape[2], a.strides[0], a.strides[1], a.strides[2],
                     b.strides[0], b.strides[1], b.strides[2]};
    if (a.dtype == kF32) {
      sgemm(g, static_cast<const float*>(a.data) + a.offset, static_cast<const float*>(b.data) + b.offset,
            static_cast<float*>(out.data) + out.offset);
    } else if (a.dtype == kF64) {
      dgemm(g, static_cast<const double*>(a.data) + a.offset, static_cast<const double*>(b.data) + b.offset,
            static_cast<double*>(out.data) + out.offset);
    } else {
      return "matmul: float dtypes only";
    }
    return nullptr;
  });
}
#endif

// Reads argv[i] as a float32 array of exactly n elements (n < 0: any length, stored into n).
bool f32_arg(napi_env env, napi_value v, float** data, int64_t* n) {
  void* p = nullptr;
  DType dt;
  int64_t len = 0;
  if (!typed_array(env, v, &p, &dt, &len) || dt != kF32) return false;
  if (*n >= 0 && len != *n) return false;
  *n = len;
  *data = static_cast<float*>(p);
  return true;
}

bool f32_scalars(napi_env env, const napi_value* argv, size_t count, float* out) {
  for (size_t i = 0; i < count; i++) {
    double d;
    if (napi_get_value_double(env, argv[i], &d) != napi_ok) return false;
    out[i] = static_cast<float>(d);  // round to nearest, as Math.fround
  }
  return true;
}

// sgdUpdate(w, grad, buf, wd, mu, damp, alpha, flags): float32 arrays of one length (buf only
// read with the momentum flag); the scalars are rounded to float here.
napi_value sgd(napi_env env, napi_callback_info info) {
  return guarded(env, [&]() -> napi_value {
    size_t argc = 8;
    napi_value argv[8];
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 8) return fail(env, "sgdUpdate: expected 8 arguments");
    int32_t flags = 0;
    if (napi_get_value_int32(env, argv[7], &flags) != napi_ok) return fail(env, "sgdUpdate: bad flags");
    float *w = nullptr, *g = nullptr, *b = nullptr;
    int64_t n = -1;
    if (!f32_arg(env, argv[0], &w, &n) || !f32_arg(env, argv[1], &g, &n)) return fail(env, "sgdUpdate: expected float32 arrays of one length");
    if ((flags & kSgdMomentum) && !f32_arg(env, argv[2], &b, &n)) return fail(env, "sgdUpdate: bad momentum buffer");
    float sc[4];
    if (!f32_scalars(env, argv + 3, 4, sc)) return fail(env, "sgdUpdate: expected numbers");
    sgd_update(w, g, b, n, SgdScalars{sc[0], sc[1], sc[2], sc[3]}, flags);
    return nullptr;
  });
}

// adamUpdate(w, grad, m, v, vmax, decay, wd, b1, c1, b2, c2, negStep, bc2Sqrt, eps, flags)
napi_value adam(napi_env env, napi_callback_info info) {
  return guarded(env, [&]() -> napi_value {
    size_t argc = 15;
    napi_value argv[15];
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 15) return fail(env, "adamUpdate: expected 15 arguments");
    int32_t flags = 0;
    if (napi_get_value_int32(env, argv[14], &flags) != napi_ok) return fail(env, "adamUpdate: bad flags");
    float *w = nullptr, *g = nullptr, *m = nullptr, *v = nullptr, *vmax = nullptr;
    int64_t n = -1;
    if (!f32_arg(env, argv[0], &w, &n) || !f32_arg(env, argv[1], &g, &n) || !f32_arg(env, argv[2], &m, &n) || !f32_arg(env, argv[3], &v, &n)) {
      return fail(env, "adamUpdate: expected float32 arrays of one length");
    }
    if ((flags & kAdamAmsgrad) && !f32_arg(env, argv[4], &vmax, &n)) return fail(env, "adamUpdate: bad max buffer");
    float sc[9];
    if (!f32_scalars(env, argv + 5, 9, sc)) return fail(env, "adamUpdate: expected numbers");
    adam_update(w, g, m, v, vmax, n, AdamScalars{sc[0], sc[1], sc[2], sc[3], sc[4], sc[5], sc[6], sc[7], sc[8]}, flags);
    return nullptr;
  });
}

// paramSums(w, before|null, grad|null, out): float32 arrays of one length; out a Float64Array(4)
// receives Σ w², Σ (w − before)², Σ before², Σ grad² (0 for a null array).
napi_value param_sums(napi_env env, napi_callback_info info) {
  return guarded(env, [&]() -> napi_value {
    size_t argc = 4;
    napi_value argv[4];
    if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 4) return fail(env, "paramSums: expected 4 arguments");
    float *w = nullptr, *b = nullptr, *g = nullptr;
    int64_t n = -1;
    if (!f32_arg(env, argv[0], &w, &n)) return fail(env, "paramSums: expected a float32 weight array");
    for (int i = 1; i <= 2; i++) {
      napi_valuetype t;
      if (napi_typeof(env, argv[i], &t) != napi_ok) return fail(env, "paramSums: bad argument");
      if (t == napi_null || t == napi_undefined) continue;
      if (!f32_arg(env, argv[i], i == 1 ? &b : &g, &n)) return fail(env, "paramSums: expected float32 arrays of one length");
    }
    void* o = nullptr;
    DType dt;
    int64_t len = 0;
    if (!typed_array(env, argv[3], &o, &dt, &len) || dt != kF64 || len != 4) return fail(env, "paramSums: expected a Float64Array(4) output");
    isa().param_sums(w, b, g, n, static_cast<double*>(o));
    return nullptr;
  });
}

napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t n = 0;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 1 ||
      napi_get_value_int32(env, argv[0], &n) != napi_ok || n < 1) {
    return fail(env, "setNumThreads: expected an integer >= 1");
  }
#if defined(MYELIN_HAVE_THREADS)
  set_num_threads(n);
#endif
  return nullptr;
}

napi_value get_threads(napi_env env, napi_callback_info) {
#if defined(MYELIN_HAVE_THREADS)
  const int n = num_threads();
#else
  const int n = 1;
#endif
  napi_value v;
  napi_create_int32(env, n, &v);
  return v;
}

napi_value names(napi_env env, const char* const* list, int n) {
  napi_value arr;
  napi_create_array_with_length(env, static_cast<size_t>(n), &arr);
  for (int i = 0; i < n; i++) {
    napi_value s;
    napi_create_string_utf8(env, list[i], NAPI_AUTO_LENGTH, &s);
    napi_set_element(env, arr, static_cast<uint32_t>(i), s);
  }
  return arr;
}

void set(napi_env env, napi_value obj, const char* key, napi_value v) { napi_set_named_property(env, obj, key, v); }

napi_value boolean(napi_env env, bool b) {
  napi_value v;
  napi_get_boolean(env, b, &v);
  return v;
}

// Tuned once per process (init runs again for each worker thread that loads the addon).
const char* malloc_state() {
  static const char* const state = tune_malloc();
  return state;
}

// { isa, malloc, unary: names, binary: names, threads, gemm, maxDims, abi }
napi_value info(napi_env env, napi_callback_info) {
#define MYELIN_NAME(i, F, name) name,
  static const char* const unary_names[] = {MYELIN_UNARY_LIST(MYELIN_NAME)};
  static const char* const binary_names[] = {MYELIN_BINARY_LIST(MYELIN_NAME)};
#undef MYELIN_NAME
  napi_value obj, s, n;
  napi_create_object(env, &obj);
  napi_create_string_utf8(env, isa().name, NAPI_AUTO_LENGTH, &s);
  set(env, obj, "isa", s);
  napi_create_string_utf8(env, malloc_state(), NAPI_AUTO_LENGTH, &s);
  set(env, obj, "malloc", s);
  set(env, obj, "unary", names(env, unary_names, sizeof(unary_names) / sizeof(*unary_names)));
  set(env, obj, "binary", names(env, binary_names, sizeof(binary_names) / sizeof(*binary_names)));
#if defined(MYELIN_HAVE_THREADS)
  set(env, obj, "threads", boolean(env, true));
#else
  set(env, obj, "threads", boolean(env, false));
#endif
#if defined(MYELIN_HAVE_GEMM)
  set(env, obj, "gemm", boolean(env, true));
#else
  set(env, obj, "gemm", boolean(env, false));
#endif
  napi_create_int32(env, kMaxDims, &n);
  set(env, obj, "maxDims", n);
  napi_create_int32(env, kAbiVersion, &n);
  set(env, obj, "abi", n);
  return obj;
}

// exports.meta: the Float64Array the TypeScript side describes each call's views in.
bool make_meta(napi_env env, napi_value exports) {
  void* data = nullptr;
  napi_value buffer, meta;
  if (napi_create_arraybuffer(env, kMetaLen * sizeof(double), &data, &buffer) != napi_ok ||
      napi_create_typedarray(env, napi_float64_array, kMetaLen, buffer, 0, &meta) != napi_ok) {
    return false;
  }
  Instance* inst = new Instance{nullptr, static_cast<const double*>(data)};
  if (napi_create_reference(env, meta, 1, &inst->meta_ref) != napi_ok ||
      napi_set_instance_data(env, inst, free_instance, nullptr) != napi_ok) {
    delete inst;
    return false;
  }
  return napi_set_named_property(env, exports, "meta", meta) == napi_ok;
}

napi_value init(napi_env env, napi_value exports) {
  malloc_state();
  if (!make_meta(env, exports)) {
    napi_throw_error(env, "MYELIN_NATIVE", "[myelin native] could not allocate the meta array");
    return nullptr;
  }
  const napi_property_descriptor props[] = {
      {"info", nullptr, info, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"unary", nullptr, unary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, binary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduce", nullptr, reduce, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"copy", nullptr, copy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cast", nullptr, cast, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"where", nullptr, where, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"argmax", nullptr, argmax, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cumsum", nullptr, cumsum, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gather", nullptr, gather, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"scatter", nullptr, scatter, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"im2col", nullptr, im2col, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"col2im", nullptr, col2im, nullptr, nullptr, nullptr, napi_default, nullptr},
#if defined(MYELIN_HAVE_GEMM)
      {"matmul", nullptr, matmul, nullptr, nullptr, nullptr, napi_default, nullptr},
#endif
      {"sgdUpdate", nullptr, sgd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamUpdate", nullptr, adam, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"paramSums", nullptr, param_sums, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setNumThreads", nullptr, set_threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"getNumThreads", nullptr, get_threads, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(*props), props);
#if defined(MYELIN_HAVE_GEMM)
  register_fused(env, exports);   // fused_addon.cc: conv, pooling, relu, cross-entropy
  register_linear(env, exports);  // linear_addon.cc: linear layers, packed and chained
#endif
  return exports;
}

}  // namespace
}  // namespace myelin

NAPI_MODULE(NODE_GYP_MODULE_NAME, myelin::init)
