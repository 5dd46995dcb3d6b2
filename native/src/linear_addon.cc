// N-API binding of the linear layer's kernels (fused.h, gemm.h): linearForward/Backward, the
// packed-weight calls inference uses (linearPackedSize, linearPack, linearForwardPacked) and
// linearChainPacked, a run of packed layers in one call. Same rules as fused_addon.cc: the
// TypeScript side (src/backend/native/fused.ts) validates first, and every array length is checked
// here again (overflow-checked) so no call can reach outside an array.
#include <node_api.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "addon_args.h"
#include "fused.h"
#include "gemm.h"

namespace myelin {
namespace {

using namespace addon_args;

// linearPackedSize(K, N) -> floats of a packed weight; linearPack(w [N,K], packed, K, N): the
// weight as the GEMM's B = wᵀ, packed once (inference: weights that stay fixed across calls).
napi_value lin_packed_size(napi_env env, napi_callback_info info) {
  napi_value out = nullptr;
  call(env, info, [&](Args& a) -> const char* {
    int64_t d[2];
    if (!ints(a, 0, d, 2)) return "linearPackedSize: bad arguments";
    napi_create_double(env, double(sgemm_packed_size(d[0], d[1])), &out);
    return nullptr;
  });
  return out;
}

napi_value lin_pack(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr w, p;
    int64_t d[2];
    if (!arr(a, 0, &w, false) || !arr(a, 1, &p, false) || !ints(a, 2, d, 2)) return "linearPack: bad arguments";
    if (!sized(w, kF32, {d[1], d[0]}) || p.kind != kF32 || p.length != sgemm_packed_size(d[0], d[1])) return "linearPack: array sizes do not match";
    sgemm_pack_b(d[0], d[1], static_cast<float*>(w.data), 1, d[0], static_cast<float*>(p.data));
    return nullptr;
  });
}

// linearForward(x, w, bias|null, y, M, K, N[, relu 0|1]): float32, x [M,K], w [N,K], y [M,N];
// linearForwardPacked(x, packed, ...): the same with w packed by linearPack.
template <bool Packed>
napi_value lin_forward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, w, b, y;
    int64_t d[3];
    bool relu;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &w, false) || !arr(a, 2, &b, true) || !arr(a, 3, &y, false) || !ints(a, 4, d, 3) || !flag(a, 7, &relu)) {
      return Packed ? "linearForwardPacked: bad arguments" : "linearForward: bad arguments";
    }
    const bool w_ok = Packed ? w.kind == kF32 && w.length == sgemm_packed_size(d[1], d[2]) : sized(w, kF32, {d[2], d[1]});
    if (!sized(x, kF32, {d[0], d[1]}) || !w_ok || !sized(y, kF32, {d[0], d[2]}) || (b.kind != kNone && !sized(b, kF32, {d[2]}))) {
      return Packed ? "linearForwardPacked: array sizes do not match" : "linearForward: array sizes do not match";
    }
    if (y.length == 0) return nullptr;
    const auto f = Packed ? linear_forward_packed : linear_forward;
    f(d[0], d[1], d[2], static_cast<float*>(x.data), static_cast<float*>(w.data), static_cast<float*>(b.data), static_cast<float*>(y.data), relu);
    return nullptr;
  });
}

// linearBackward(x, w, dy, dx|null, dw|null, db|null, M, K, N)
napi_value lin_backward(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    Arr x, w, dy, dx, dw, db;
    int64_t d[3];
    if (!arr(a, 0, &x, false) || !arr(a, 1, &w, false) || !arr(a, 2, &dy, false) || !arr(a, 3, &dx, true) || !arr(a, 4, &dw, true) ||
        !arr(a, 5, &db, true) || !ints(a, 6, d, 3)) {
      return "linearBackward: bad arguments";
    }
    if (!sized(x, kF32, {d[0], d[1]}) || !sized(w, kF32, {d[2], d[1]}) || !sized(dy, kF32, {d[0], d[2]}) ||
        (dx.kind != kNone && !sized(dx, kF32, {d[0], d[1]})) || (dw.kind != kNone && !sized(dw, kF32, {d[2], d[1]})) ||
        (db.kind != kNone && !sized(db, kF32, {d[2]}))) {
      return "linearBackward: array sizes do not match";
    }
    linear_backward(d[0], d[1], d[2], static_cast<float*>(x.data), static_cast<float*>(w.data), static_cast<float*>(dy.data),
                    static_cast<float*>(dx.data), static_cast<float*>(dw.data), static_cast<float*>(db.data));
    return nullptr;
  });
}

// linearChainPacked(x, y, M, dims, packs, biases, relus): a run of packed linear layers in one
// call (gemm.h sgemm_packed_chain). dims = [K_0, N_0, ..., N_{L-1}] (L + 1 numbers), packs[l]
// packed by linearPack for (dims[l], dims[l + 1]), biases[l] a float32 array of N_l or null,
// relus[l] 0|1; x [M, K_0], y [M, N_{L-1}], float32.
constexpr uint32_t kMaxChain = 64;

bool element(napi_env env, napi_value list, uint32_t i, napi_value* out) {
  return napi_get_element(env, list, i, out) == napi_ok;
}

// argv[i] as a JS array of `n` elements (n = 0: any length, returned in *n)
bool list(const Args& a, size_t i, uint32_t* n) {
  bool is = false;
  uint32_t len = 0;
  if (i >= a.argc || napi_is_array(a.env, a.argv[i], &is) != napi_ok || !is || napi_get_array_length(a.env, a.argv[i], &len) != napi_ok) return false;
  if (*n != 0 && len != *n) return false;
  *n = len;
  return true;
}

napi_value lin_chain(napi_env env, napi_callback_info info) {
  return call(env, info, [](Args& a) -> const char* {
    const char* bad = "linearChainPacked: bad arguments";
    Arr x, y;
    int64_t M;
    uint32_t nd = 0;
    if (!arr(a, 0, &x, false) || !arr(a, 1, &y, false) || !ints(a, 2, &M, 1) || !list(a, 3, &nd) || nd < 2 || nd > kMaxChain + 1) return bad;
    const uint32_t L = nd - 1;
    uint32_t np = L, nb = L, nr = L;
    if (!list(a, 4, &np) || !list(a, 5, &nb) || !list(a, 6, &nr)) return bad;
    // read every element through a one-element Args so arr/ints apply their usual checks
    auto item = [&](size_t which, uint32_t i, Args* one) {
      one->argc = 1;
      return element(a.env, a.argv[which], i, &one->argv[0]);
    };
    int64_t dims[kMaxChain + 1];
    for (uint32_t i = 0; i < nd; i++) {
      Args one{a.env};
      if (!item(3, i, &one) || !ints(one, 0, &dims[i], 1)) return bad;
    }
    std::vector<PackedLayer> layers(L);
    for (uint32_t l = 0; l < L; l++) {
      Args p{a.env}, b{a.env}, r{a.env};
      Arr pa, ba;
      int64_t relu;
      if (!item(4, l, &p) || !item(5, l, &b) || !item(6, l, &r) || !arr(p, 0, &pa, false) || !arr(b, 0, &ba, true) || !ints(r, 0, &relu, 1) || relu > 1) return bad;
      if (pa.kind != kF32 || pa.length != sgemm_packed_size(dims[l], dims[l + 1]) || (ba.kind != kNone && !sized(ba, kF32, {dims[l + 1]}))) {
        return "linearChainPacked: array sizes do not match";
      }
      layers[l] = PackedLayer{dims[l], dims[l + 1], static_cast<float*>(pa.data), static_cast<float*>(ba.data), relu == 1};
    }
    if (!sized(x, kF32, {M, dims[0]}) || !sized(y, kF32, {M, dims[L]})) return "linearChainPacked: array sizes do not match";
    // the chain's scratch holds two intermediates of at most M rows each; a hidden width is not
    // bounded by any array when a layer around it has K = 0 or N = 0 (empty packs), so bound it here
    int64_t widest = 0;
    for (uint32_t l = 0; l + 1 < L; l++) widest = std::max(widest, dims[l + 1]);
    int64_t scratch;
    if (!product({M, widest, 2}, &scratch)) return "linearChainPacked: array sizes do not match";
    if (y.length == 0) return nullptr;
    sgemm_packed_chain(M, static_cast<float*>(x.data), layers.data(), int(L), static_cast<float*>(y.data));
    return nullptr;
  });
}

}  // namespace

// Adds the linear bindings to the addon's exports (called from addon.cc's init).
napi_status register_linear(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"linearForward", nullptr, lin_forward<false>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"linearBackward", nullptr, lin_backward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"linearPackedSize", nullptr, lin_packed_size, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"linearPack", nullptr, lin_pack, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"linearForwardPacked", nullptr, lin_forward<true>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"linearChainPacked", nullptr, lin_chain, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  return napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace myelin
