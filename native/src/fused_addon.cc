// N-API binding of the fused kernels (fused.h): conv2dForward/Backward, maxPool2dForward/Backward,
// reluForward/Backward, crossEntropyForward/Backward (the linear layer's are in linear_addon.cc). Arguments are contiguous typed
// arrays plus integers; the TypeScript side (src/backend/native/fused.ts) validates first, and
// every array length is checked here against the geometry (overflow-checked) so no call can
// reach outside an array. Errors become JS errors, never crashes.
#include <node_api.h>

#include <cmath>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <new>

#include "addon_args.h"
#include "fused.h"

namespace myelin {
namespace {

using namespace addon_args;

// Reads N,C,H,W,[O],kh,kw,sh,sw,ph,pw,dh,dw from argv[first] and derives oh, ow (>= 1).
bool geometry(const Args& a, size_t first, bool conv, ConvGeom* g) {
  int64_t v[13];
  const size_t n = conv ? 13 : 12;
  if (!ints(a, first, v, n)) return false;
  size_t i = 0;
  g->N = v[i++], g->C = v[i++], g->H = v[i++], g->W = v[i++];
  g->O = conv ? v[i++] : 0;
  g->kh = v[i++], g->kw = v[i++], g->sh = v[i++], g->sw = v[i++], g->ph = v[i++], g->pw = v[i++], g->dh = v[i++], g->dw = v[i++];
  if (g->kh < 1 || g->kw < 1 || g->sh < 1 || g->sw < 1 || g->dh < 1 || g->dw < 1) return false;
  for (int64_t w : {g->kh, g->kw, g->sh, g->sw, g->ph, g->pw, g->dh, g->dw}) if (w > (1 << 20)) return false;
  const int64_t spanh = g->H + 2 * g->ph - g->dh * (g->kh - 1) - 1, spanw = g->W + 2 * g->pw - g->dw * (g->kw - 1) - 1;
  if (spanh < 0 || spanw < 0) return false;
  g->oh = spanh / g->sh + 1;
  g->ow = spanw / g->sw + 1;
  return true;
}

// conv2dForward(x, w, bias|null, y, N, C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw[, relu 0|1]): float32
napi_value conv_forward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, w, b, y;
    ConvGeom g;
    bool relu;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &w, false) || !arr(a, 2, &b, true) || !arr(a, 3, &y, false) || !geometry(a, 4, true, &g) ||
        !flag(a, 17, &relu)) {
      return "conv2dForward: bad arguments";
    }
    if (!sized(x, kF32, {g.N, g.C, g.H, g.W}) || !sized(w, kF32, {g.O, g.C, g.kh, g.kw}) || !sized(y, kF32, {g.N, g.O, g.oh, g.ow}) ||
        (b.kind != kNone && !sized(b, kF32, {g.O}))) {
      return "conv2dForward: array sizes do not match the geometry";
    }
    if (y.length == 0) return nullptr;
    conv2d_forward(g, static_cast<float*>(x.data), static_cast<float*>(w.data), static_cast<float*>(b.data), static_cast<float*>(y.data), relu);
    return nullptr;
  });
}

// conv2dBackward(x, w, dy, dx|null, dw|null, db|null, N, C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw)
napi_value conv_backward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, w, dy, dx, dw, db;
    ConvGeom g;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &w, false) || !arr(a, 2, &dy, false) || !arr(a, 3, &dx, true) || !arr(a, 4, &dw, true) ||
        !arr(a, 5, &db, true) || !geometry(a, 6, true, &g)) {
      return "conv2dBackward: bad arguments";
    }
    if (!sized(x, kF32, {g.N, g.C, g.H, g.W}) || !sized(w, kF32, {g.O, g.C, g.kh, g.kw}) || !sized(dy, kF32, {g.N, g.O, g.oh, g.ow}) ||
        (dx.kind != kNone && !sized(dx, kF32, {g.N, g.C, g.H, g.W})) || (dw.kind != kNone && !sized(dw, kF32, {g.O, g.C, g.kh, g.kw})) ||
        (db.kind != kNone && !sized(db, kF32, {g.O}))) {
      return "conv2dBackward: array sizes do not match the geometry";
    }
    conv2d_backward(g, static_cast<float*>(x.data), static_cast<float*>(w.data), static_cast<float*>(dy.data), static_cast<float*>(dx.data),
                    static_cast<float*>(dw.data), static_cast<float*>(db.data));
    return nullptr;
  });
}

// maxPool2dForward(x, y, idx|null, N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow): float32/64 (idx null: values only).
// oh/ow are the caller's (ceil mode may add one window); each may exceed the floor size by 1.
bool pool_out(const Args& a, size_t at, ConvGeom* g) {
  int64_t o[2];
  if (!ints(a, at, o, 2)) return false;
  if (o[0] < 1 || o[1] < 1 || o[0] > g->oh + 1 || o[1] > g->ow + 1) return false;
  g->oh = o[0];
  g->ow = o[1];
  return true;
}

napi_value pool_forward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, y, idx;
    ConvGeom g;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &y, false) || !arr(a, 2, &idx, true) || !geometry(a, 3, false, &g) || !pool_out(a, 15, &g)) {
      return "maxPool2dForward: bad arguments";
    }
    // idx null: values only
    if ((x.kind != kF32 && x.kind != kF64) || !sized(x, x.kind, {g.N, g.C, g.H, g.W}) || !sized(y, x.kind, {g.N, g.C, g.oh, g.ow}) ||
        (idx.kind != kNone && !sized(idx, kI32, {g.N, g.C, g.oh, g.ow})) || g.H * g.W > 2147483647) {
      return "maxPool2dForward: array sizes do not match the geometry";
    }
    int32_t* ip = idx.kind == kNone ? nullptr : static_cast<int32_t*>(idx.data);
    if (x.kind == kF32) maxpool2d_forward(g, static_cast<float*>(x.data), static_cast<float*>(y.data), ip);
    else maxpool2d_forward(g, static_cast<double*>(x.data), static_cast<double*>(y.data), ip);
    return nullptr;
  });
}

// maxPool2dBackward(dy, idx, dx, N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow)
napi_value pool_backward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr dy, idx, dx;
    ConvGeom g;
    if (!arr(a, 0, &dy, false) || !arr(a, 1, &idx, false) || !arr(a, 2, &dx, false) || !geometry(a, 3, false, &g) || !pool_out(a, 15, &g)) {
      return "maxPool2dBackward: bad arguments";
    }
    if ((dx.kind != kF32 && dx.kind != kF64) || !sized(dx, dx.kind, {g.N, g.C, g.H, g.W}) || !sized(dy, dx.kind, {g.N, g.C, g.oh, g.ow}) ||
        !sized(idx, kI32, {g.N, g.C, g.oh, g.ow})) {
      return "maxPool2dBackward: array sizes do not match the geometry";
    }
    if (dx.kind == kF32) maxpool2d_backward(g, static_cast<float*>(dy.data), static_cast<int32_t*>(idx.data), static_cast<float*>(dx.data));
    else maxpool2d_backward(g, static_cast<double*>(dy.data), static_cast<int32_t*>(idx.data), static_cast<double*>(dx.data));
    return nullptr;
  });
}


// reluForward(x, y) / reluBackward(x, dy, dx): float arrays of one length and dtype
napi_value relu_fwd(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, y;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &y, false) || x.kind == kI32 || y.kind != x.kind || y.length != x.length) return "reluForward: bad arguments";
    if (x.kind == kF32) relu_forward(x.length, static_cast<float*>(x.data), static_cast<float*>(y.data));
    else relu_forward(x.length, static_cast<double*>(x.data), static_cast<double*>(y.data));
    return nullptr;
  });
}

napi_value relu_bwd(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, dy, dx;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &dy, false) || !arr(a, 2, &dx, false) || x.kind == kI32 || dy.kind != x.kind || dx.kind != x.kind ||
        dy.length != x.length || dx.length != x.length) {
      return "reluBackward: bad arguments";
    }
    if (x.kind == kF32) relu_backward(x.length, static_cast<float*>(x.data), static_cast<float*>(dy.data), static_cast<float*>(dx.data));
    else relu_backward(x.length, static_cast<double*>(x.data), static_cast<double*>(dy.data), static_cast<double*>(dx.data));
    return nullptr;
  });
}

// crossEntropyForward(x, t, logp, N, C, ignore) -> [Σ -logp over kept rows, kept count]
napi_value ce_forward(napi_env env, napi_callback_info info) {
  napi_value result = nullptr;
  napi_value err = call(env, info, [&](Args& a) -> const char* {
    Arr x, t, lp;
    int64_t nc[2];
    int32_t ignore = 0;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &t, false) || !arr(a, 2, &lp, false) || !ints(a, 3, nc, 2) || a.argc < 6 ||
        napi_get_value_int32(a.env, a.argv[5], &ignore) != napi_ok) {
      return "crossEntropyForward: bad arguments";
    }
    if ((x.kind != kF32 && x.kind != kF64) || !sized(x, x.kind, {nc[0], nc[1]}) || !sized(lp, x.kind, {nc[0], nc[1]}) || !sized(t, kI32, {nc[0]})) {
      return "crossEntropyForward: array sizes do not match";
    }
    int64_t kept = 0;
    const double total = x.kind == kF32
        ? cross_entropy_forward(nc[0], nc[1], static_cast<float*>(x.data), static_cast<int32_t*>(t.data), ignore, static_cast<float*>(lp.data), &kept)
        : cross_entropy_forward(nc[0], nc[1], static_cast<double*>(x.data), static_cast<int32_t*>(t.data), ignore, static_cast<double*>(lp.data), &kept);
    napi_value v[2];
    napi_create_double(a.env, total, &v[0]);
    napi_create_double(a.env, static_cast<double>(kept), &v[1]);
    napi_create_array_with_length(a.env, 2, &result);
    napi_set_element(a.env, result, 0, v[0]);
    napi_set_element(a.env, result, 1, v[1]);
    return nullptr;
  });
  return result ? result : err;
}

// crossEntropyBackward(logp, t, dx, N, C, ignore, scale)
napi_value ce_backward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr lp, t, dx;
    int64_t nc[2];
    int32_t ignore = 0;
    double scale = 0;
    if (!arr(a, 0, &lp, false) || !arr(a, 1, &t, false) || !arr(a, 2, &dx, false) || !ints(a, 3, nc, 2) || a.argc < 7 ||
        napi_get_value_int32(a.env, a.argv[5], &ignore) != napi_ok || napi_get_value_double(a.env, a.argv[6], &scale) != napi_ok) {
      return "crossEntropyBackward: bad arguments";
    }
    if ((lp.kind != kF32 && lp.kind != kF64) || !sized(lp, lp.kind, {nc[0], nc[1]}) || !sized(dx, lp.kind, {nc[0], nc[1]}) || !sized(t, kI32, {nc[0]})) {
      return "crossEntropyBackward: array sizes do not match";
    }
    if (lp.kind == kF32) cross_entropy_backward(nc[0], nc[1], static_cast<float*>(lp.data), static_cast<int32_t*>(t.data), ignore, scale, static_cast<float*>(dx.data));
    else cross_entropy_backward(nc[0], nc[1], static_cast<double*>(lp.data), static_cast<int32_t*>(t.data), ignore, scale, static_cast<double*>(dx.data));
    return nullptr;
  });
}

}  // namespace

// Adds the fused kernels to the addon's exports (called from addon.cc's init).
napi_status register_fused(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"conv2dForward", nullptr, conv_forward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dBackward", nullptr, conv_backward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"maxPool2dForward", nullptr, pool_forward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"maxPool2dBackward", nullptr, pool_backward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reluForward", nullptr, relu_fwd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reluBackward", nullptr, relu_bwd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"crossEntropyForward", nullptr, ce_forward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"crossEntropyBackward", nullptr, ce_backward, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  return napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace myelin
