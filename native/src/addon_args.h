// Argument reading shared by the N-API bindings of the fused kernels (fused_addon.cc,
// linear_addon.cc): typed arrays and integers out of a callback's argv, sizes checked with
// overflow-checked products, and `call`, which runs a binding body and turns its error string or
// any C++ exception into a JS error (napi_guard.h). Nothing here trusts the JS side.
#pragma once
#include <node_api.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>

#include "napi_guard.h"

namespace myelin {
namespace addon_args {

constexpr size_t kMaxArgs = 20;
constexpr int64_t kMaxInt = int64_t(1) << 52;

enum Kind { kNone, kF32, kF64, kI32 };

struct Args {
  napi_env env;
  size_t argc = kMaxArgs;
  napi_value argv[kMaxArgs] = {};
};

struct Arr {
  void* data = nullptr;
  Kind kind = kNone;
  int64_t length = 0;
};

// argv[i] as a float32/float64/int32 array; null/undefined gives kind kNone when allowed.
inline bool arr(const Args& a, size_t i, Arr* out, bool nullable) {
  if (i >= a.argc) return false;
  napi_valuetype t;
  if (napi_typeof(a.env, a.argv[i], &t) != napi_ok) return false;
  if (t == napi_null || t == napi_undefined) return nullable;
  napi_typedarray_type type;
  size_t len = 0;
  if (napi_get_typedarray_info(a.env, a.argv[i], &type, &len, &out->data, nullptr, nullptr) != napi_ok) return false;
  switch (type) {
    case napi_float32_array: out->kind = kF32; break;
    case napi_float64_array: out->kind = kF64; break;
    case napi_int32_array: out->kind = kI32; break;
    default: return false;
  }
  out->length = static_cast<int64_t>(len);
  return out->data != nullptr || len == 0;
}

inline bool ints(const Args& a, size_t first, int64_t* out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    double d;
    if (first + i >= a.argc || napi_get_value_double(a.env, a.argv[first + i], &d) != napi_ok) return false;
    if (!(d >= 0 && d <= double(kMaxInt)) || d != std::floor(d)) return false;
    out[i] = static_cast<int64_t>(d);
  }
  return true;
}

// argv[i] as an optional 0/1 flag: absent or undefined is 0.
inline bool flag(const Args& a, size_t i, bool* out) {
  *out = false;
  if (i >= a.argc) return true;
  napi_valuetype t;
  if (napi_typeof(a.env, a.argv[i], &t) != napi_ok) return false;
  if (t == napi_undefined) return true;
  int64_t v;
  if (!ints(a, i, &v, 1) || v > 1) return false;
  *out = v == 1;
  return true;
}

// n = Π dims, false on overflow.
inline bool product(std::initializer_list<int64_t> dims, int64_t* n) {
  *n = 1;
  for (int64_t d : dims) if (__builtin_mul_overflow(*n, d, n) || *n > kMaxInt) return false;
  return true;
}

inline bool sized(const Arr& x, Kind k, std::initializer_list<int64_t> dims) {
  int64_t n;
  return x.kind == k && product(dims, &n) && x.length == n;
}

template <class F>
napi_value call(napi_env env, napi_callback_info info, F f) {
  Args a{env};
  if (napi_get_cb_info(env, info, &a.argc, a.argv, nullptr, nullptr) != napi_ok) return fail(env, "bad call");
  return guarded(env, [&]() -> napi_value {
    if (const char* err = f(a)) return fail(env, err);
    return nullptr;
  });
}

}  // namespace addon_args
}  // namespace myelin
