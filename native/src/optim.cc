// Fused SGD and Adam/AdamW updates (see optim.h). Each loop mirrors its JS twin line for line:
// a float operation here is one Math.fround(...) there (float +, *, / and sqrtf round exactly as
// the double operation rounded to float does). Flags are template parameters so each variant is a
// branch-free loop the compiler can vectorise. NOTE: must stay compiled with -ffp-contract=off.
#include "optim.h"

#include <cmath>
#include <limits>

namespace myelin {
namespace {

template <bool kMax, bool kWd, int kMom, bool kNest>  // kMom: 0 none, 1 first step, 2 later steps
void sgd_loop(float* w, const float* g, float* b, int64_t n, const SgdScalars& s) {
  const float wd = s.wd, mu = s.mu, damp = s.damp, alpha = s.alpha;
  for (int64_t i = 0; i < n; i++) {
    float d = kMax ? -g[i] : g[i];
    if (kWd) d = d + w[i] * wd;
    if (kMom != 0) {
      float bi;
      if (kMom == 1) {
        bi = d;
      } else {
        const float x = b[i] * mu;
        const float y = d * damp;
        bi = x + y;
      }
      b[i] = bi;
      if (kNest) {
        const float z = bi * mu;
        d = d + z;
      } else {
        d = bi;
      }
    }
    const float step = d * alpha;
    w[i] = w[i] + step;
  }
}

// Math.max: NaN when either is NaN, +0 over -0
inline float js_max(float a, float b) {
  if (a != a || b != b) return std::numeric_limits<float>::quiet_NaN();
  if (a > b) return a;
  if (b > a) return b;
  return std::signbit(a) ? b : a;
}

template <bool kMax, int kDecay, bool kAms>  // kDecay: 0 none, 1 decoupled, 2 L2
void adam_loop(float* w, const float* g, float* m, float* v, float* vmax, int64_t n, const AdamScalars& s) {
  const float decay = s.decay, wd = s.wd, b1 = s.b1, c1 = s.c1, b2 = s.b2, c2 = s.c2;
  const float neg_step = s.neg_step, bc2 = s.bc2_sqrt, eps = s.eps;
  for (int64_t i = 0; i < n; i++) {
    float gi = kMax ? -g[i] : g[i];
    if (kDecay == 1) w[i] = w[i] * decay;
    if (kDecay == 2) {
      const float t = w[i] * wd;
      gi = gi + t;
    }
    const float mi_a = m[i] * b1;
    const float mi_b = gi * c1;
    const float mi = mi_a + mi_b;
    m[i] = mi;
    const float vi_a = v[i] * b2;
    const float gc = gi * c2;
    const float vi_b = gc * gi;
    float vi = vi_a + vi_b;
    v[i] = vi;
    if (kAms) vi = vmax[i] = js_max(vmax[i], vi);
    const float root = std::sqrt(vi);
    const float q = root / bc2;
    const float denom = q + eps;
    const float num = mi * neg_step;
    const float upd = num / denom;
    w[i] = w[i] + upd;
  }
}

template <bool kMax, bool kWd, int kMom>
void sgd_nest(float* w, const float* g, float* b, int64_t n, const SgdScalars& s, bool nest) {
  if (nest && kMom != 0) sgd_loop<kMax, kWd, kMom, true>(w, g, b, n, s);
  else sgd_loop<kMax, kWd, kMom, false>(w, g, b, n, s);
}

template <bool kMax, bool kWd>
void sgd_mom(float* w, const float* g, float* b, int64_t n, const SgdScalars& s, int flags) {
  const bool nest = (flags & kSgdNesterov) != 0;
  if (!(flags & kSgdMomentum)) sgd_nest<kMax, kWd, 0>(w, g, b, n, s, nest);
  else if (flags & kSgdFirst) sgd_nest<kMax, kWd, 1>(w, g, b, n, s, nest);
  else sgd_nest<kMax, kWd, 2>(w, g, b, n, s, nest);
}

template <bool kMax, int kDecay>
void adam_ams(float* w, const float* g, float* m, float* v, float* vmax, int64_t n, const AdamScalars& s, int flags) {
  if (flags & kAdamAmsgrad) adam_loop<kMax, kDecay, true>(w, g, m, v, vmax, n, s);
  else adam_loop<kMax, kDecay, false>(w, g, m, v, vmax, n, s);
}

template <bool kMax>
void adam_decay(float* w, const float* g, float* m, float* v, float* vmax, int64_t n, const AdamScalars& s, int flags) {
  if (flags & kAdamDecoupled) adam_ams<kMax, 1>(w, g, m, v, vmax, n, s, flags);
  else if (flags & kAdamL2) adam_ams<kMax, 2>(w, g, m, v, vmax, n, s, flags);
  else adam_ams<kMax, 0>(w, g, m, v, vmax, n, s, flags);
}

}  // namespace

void sgd_update(float* w, const float* g, float* buf, int64_t n, const SgdScalars& s, int flags) {
  const bool wd = (flags & kSgdWeightDecay) != 0;
  if (flags & kSgdMaximize) {
    if (wd) sgd_mom<true, true>(w, g, buf, n, s, flags);
    else sgd_mom<true, false>(w, g, buf, n, s, flags);
  } else {
    if (wd) sgd_mom<false, true>(w, g, buf, n, s, flags);
    else sgd_mom<false, false>(w, g, buf, n, s, flags);
  }
}

void adam_update(float* w, const float* g, float* m, float* v, float* vmax, int64_t n, const AdamScalars& s, int flags) {
  if (flags & kAdamMaximize) adam_decay<true>(w, g, m, v, vmax, n, s, flags);
  else adam_decay<false>(w, g, m, v, vmax, n, s, flags);
}

}  // namespace myelin
