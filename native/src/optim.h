// Fused optimizer updates on float32 contiguous parameters (optim.cc), bit-identical to the JS
// fused loops of src/optim/sgd.ts and src/optim/adam.ts: every operation is done in float and
// rounded once, in the JS Math.fround order (the file is compiled with -ffp-contract=off).
#pragma once
#include <cstdint>

namespace myelin {

// flags of sgd_update
enum : int { kSgdMaximize = 1, kSgdWeightDecay = 2, kSgdMomentum = 4, kSgdFirst = 8, kSgdNesterov = 16 };
// flags of adam_update
enum : int { kAdamMaximize = 1, kAdamDecoupled = 2, kAdamL2 = 4, kAdamAmsgrad = 8 };

struct SgdScalars {
  float wd, mu, damp, alpha;
};
struct AdamScalars {
  float decay, wd, b1, c1, b2, c2, neg_step, bc2_sqrt, eps;
};

// buf is unused (may be null) without kSgdMomentum.
void sgd_update(float* w, const float* g, float* buf, int64_t n, const SgdScalars& s, int flags);
// vmax is unused (may be null) without kAdamAmsgrad.
void adam_update(float* w, const float* g, float* m, float* v, float* vmax, int64_t n, const AdamScalars& s, int flags);

}  // namespace myelin
