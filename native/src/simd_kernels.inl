// The kernels that gain from wider vectors: elementwise unary/binary (functors generated from
// each primitive's `scalar.c`) and the sum/prod/amax reductions. Included inside one namespace
// per instruction set by isa_*.cc, which are compiled with different -m flags; plain loops the
// compiler vectorizes, no intrinsics. Needs common.h and <math.h>.

#include "iterate.inl"
#include "generated/elementwise.inc"

// ---- elementwise: out is contiguous, so its run stride is 1 ----

template <class Op, class In, class Out, class C>
static void unary_run(const Plan& p, int64_t begin, int64_t end) {
  const In* xb = static_cast<const In*>(p.base[0]);
  Out* ob = static_cast<Out*>(p.base[1]);
  walk_plan(p, begin, end, [&](const int64_t* off, const int64_t* inner, int64_t n) {
    const In* x = xb + off[0];
    Out* o = ob + off[1];
    const int64_t sx = inner[0];
    if (sx == 1) {
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(static_cast<C>(x[i])));
    } else {
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(static_cast<C>(x[i * sx])));
    }
  });
}

template <class Op, class In, class Out, class C>
static void binary_run(const Plan& p, int64_t begin, int64_t end) {
  const In* ab = static_cast<const In*>(p.base[0]);
  const In* bb = static_cast<const In*>(p.base[1]);
  Out* ob = static_cast<Out*>(p.base[2]);
  walk_plan(p, begin, end, [&](const int64_t* off, const int64_t* inner, int64_t n) {
    const In* a = ab + off[0];
    const In* b = bb + off[1];
    Out* o = ob + off[2];
    const int64_t sa = inner[0], sb = inner[1];
    if (sa == 1 && sb == 1) {
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(static_cast<C>(a[i]), static_cast<C>(b[i])));
    } else if (sa == 1 && sb == 0) {
      const C bv = static_cast<C>(b[0]);
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(static_cast<C>(a[i]), bv));
    } else if (sa == 0 && sb == 1) {
      const C av = static_cast<C>(a[0]);
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(av, static_cast<C>(b[i])));
    } else {
      for (int64_t i = 0; i < n; i++) o[i] = static_cast<Out>(Op::apply(static_cast<C>(a[i * sa]), static_cast<C>(b[i * sb])));
    }
  });
}

// Dtype combinations: float32 -> float32 and float64 -> float64 for every op; ops with a bool
// output also take float32/float64/bool inputs and write bool (computing in float or double).
template <class Op, template <class, class, class, class> class Run>
static bool typed(const Plan& p, DType in, DType out, int64_t begin, int64_t end) {
  if constexpr (Op::kBoolOut) {
    if (out != kU8) return false;
    if (in == kF32) return Run<Op, float, uint8_t, float>::go(p, begin, end);
    if (in == kF64) return Run<Op, double, uint8_t, double>::go(p, begin, end);
    if (in == kU8) return Run<Op, uint8_t, uint8_t, float>::go(p, begin, end);
  } else {
    if (in == kF32 && out == kF32) return Run<Op, float, float, float>::go(p, begin, end);
    if (in == kF64 && out == kF64) return Run<Op, double, double, double>::go(p, begin, end);
  }
  return false;
}

template <class Op, class In, class Out, class C>
struct UnaryRun {
  static bool go(const Plan& p, int64_t b, int64_t e) {
    unary_run<Op, In, Out, C>(p, b, e);
    return true;
  }
};

template <class Op, class In, class Out, class C>
struct BinaryRun {
  static bool go(const Plan& p, int64_t b, int64_t e) {
    binary_run<Op, In, Out, C>(p, b, e);
    return true;
  }
};

static bool unary(int op, const Plan& p, int64_t begin, int64_t end) {
  switch (op) {
#define MYELIN_CASE(i, F, name) \
  case i: return typed<F, UnaryRun>(p, p.dtype[0], p.dtype[1], begin, end);
    MYELIN_UNARY_LIST(MYELIN_CASE)
#undef MYELIN_CASE
  }
  return false;
}

static bool binary(int op, const Plan& p, int64_t begin, int64_t end) {
  if (p.dtype[0] != p.dtype[1]) return false;
  switch (op) {
#define MYELIN_CASE(i, F, name) \
  case i: return typed<F, BinaryRun>(p, p.dtype[0], p.dtype[2], begin, end);
    MYELIN_BINARY_LIST(MYELIN_CASE)
#undef MYELIN_CASE
  }
  return false;
}

static bool unary_costly(int op) {
  switch (op) {
#define MYELIN_CASE(i, F, name) \
  case i: return F::kCostly;
    MYELIN_UNARY_LIST(MYELIN_CASE)
#undef MYELIN_CASE
  }
  return false;
}

static bool binary_costly(int op) {
  switch (op) {
#define MYELIN_CASE(i, F, name) \
  case i: return F::kCostly;
    MYELIN_BINARY_LIST(MYELIN_CASE)
#undef MYELIN_CASE
  }
  return false;
}

// ---- reductions: accumulate in double, like the reference backend ----
// For each output the inputs are combined in row-major order of the reduced dims, as the
// reference does; only contiguous runs use several partial accumulators (combined with the same
// step), which changes float64 rounding by an ulp or so and never the NaN or ±inf results.

struct SumOp {
  static inline double init() { return 0.0; }
  static inline double step(double a, double v) { return a + v; }
};
struct ProdOp {
  static inline double init() { return 1.0; }
  static inline double step(double a, double v) { return a * v; }
};
struct AmaxOp {
  static inline double init() { return -INFINITY; }
  // NOTE: NaN wins: once acc is NaN no comparison replaces it (the reference's rule).
  static inline double step(double a, double v) { return (v > a || v != v) ? (a != a ? a : v) : a; }
};

// One output: reduce the whole reduced space starting at x + base.
template <class Op, class T>
static inline double reduce_one(const ReducePlan& r, const T* x) {
  double acc = Op::init();
  const int nd = r.nred;
  if (nd == 0) return Op::step(acc, static_cast<double>(x[0]));
  const int64_t len = r.red_shape[nd - 1];
  const int64_t s = r.red_strides[nd - 1];
  const int64_t rows = r.red_numel / len;
  Counter c;
  counter_start(c, nd - 1, r.red_shape, r.red_strides, 0);
  for (int64_t row = 0; row < rows; row++, counter_next(c)) {
    const T* p = x + c.off;
    if (s == 1 && len >= 16) {
      double q0 = Op::init(), q1 = Op::init(), q2 = Op::init(), q3 = Op::init();
      int64_t j = 0;
      for (; j + 4 <= len; j += 4) {
        q0 = Op::step(q0, static_cast<double>(p[j]));
        q1 = Op::step(q1, static_cast<double>(p[j + 1]));
        q2 = Op::step(q2, static_cast<double>(p[j + 2]));
        q3 = Op::step(q3, static_cast<double>(p[j + 3]));
      }
      for (; j < len; j++) q0 = Op::step(q0, static_cast<double>(p[j]));
      acc = Op::step(acc, Op::step(Op::step(q0, q1), Op::step(q2, q3)));
    } else {
      for (int64_t j = 0; j < len; j++) acc = Op::step(acc, static_cast<double>(p[j * s]));
    }
  }
  return acc;
}

template <class Op, class T>
static void reduce_run(const ReducePlan& r, int64_t begin, int64_t end) {
  const T* x = static_cast<const T*>(r.x);
  T* out = static_cast<T*>(r.out);
  const int nk = r.nkept;
  const bool by_rows = nk > 0 && r.nred > 0 && r.kept_shape[nk - 1] > 1 &&
      (r.kept_strides[nk - 1] < 0 ? -r.kept_strides[nk - 1] : r.kept_strides[nk - 1]) <=
      (r.red_strides[r.nred - 1] < 0 ? -r.red_strides[r.nred - 1] : r.red_strides[r.nred - 1]);
  if (!by_rows) {
    Counter k;
    counter_start(k, nk, r.kept_shape, r.kept_strides, begin);
    for (int64_t o = begin; o < end; o++, counter_next(k)) out[o] = static_cast<T>(reduce_one<Op, T>(r, x + k.off));
    return;
  }
  // The innermost kept dim moves fastest in memory: accumulate a run of outputs at once.
  constexpr int64_t kChunk = 256;
  double acc[kChunk];
  const int64_t len = r.kept_shape[nk - 1];
  const int64_t ks = r.kept_strides[nk - 1];
  int64_t o = begin;
  while (o < end) {
    int64_t col = o % len;
    int64_t n = len - col;
    if (n > end - o) n = end - o;
    if (n > kChunk) n = kChunk;
    Counter k;
    counter_start(k, nk, r.kept_shape, r.kept_strides, o);
    const T* xb = x + k.off;
    for (int64_t j = 0; j < n; j++) acc[j] = Op::init();
    Counter red;
    counter_start(red, r.nred, r.red_shape, r.red_strides, 0);
    for (int64_t i = 0; i < r.red_numel; i++, counter_next(red)) {
      const T* p = xb + red.off;
      if (ks == 1) {
        for (int64_t j = 0; j < n; j++) acc[j] = Op::step(acc[j], static_cast<double>(p[j]));
      } else {
        for (int64_t j = 0; j < n; j++) acc[j] = Op::step(acc[j], static_cast<double>(p[j * ks]));
      }
    }
    for (int64_t j = 0; j < n; j++) out[o + j] = static_cast<T>(acc[j]);
    o += n;
  }
}

template <class Op>
static bool reduce_typed(const ReducePlan& r, int64_t begin, int64_t end) {
  if (r.dtype == kF32) reduce_run<Op, float>(r, begin, end);
  else if (r.dtype == kF64) reduce_run<Op, double>(r, begin, end);
  else return false;
  return true;
}

static bool reduce(int op, const ReducePlan& r, int64_t begin, int64_t end) {
  switch (op) {
    case kSum: return reduce_typed<SumOp>(r, begin, end);
    case kProd: return reduce_typed<ProdOp>(r, begin, end);
    case kAmax: return reduce_typed<AmaxOp>(r, begin, end);
  }
  return false;
}

// Σ w², Σ (w − b)², Σ b², Σ g² over n float32 elements, in double (b and g may be null: their
// sums are 0). Eight lanes of partial sums per quantity, so the loop vectorises without
// reassociating a single sum; NaN/Inf propagate as in the sequential loop.
static void param_sums(const float* w, const float* b, const float* g, int64_t n, double out[4]) {
  constexpr int L = 8;
  double sw[L] = {}, sd[L] = {}, sb[L] = {}, sg[L] = {};
  int64_t i = 0;
  if (b != nullptr) {
    for (; i + L <= n; i += L) {
      for (int j = 0; j < L; j++) {
        const double x = w[i + j], p = b[i + j], d = x - p;
        sw[j] += x * x;
        sd[j] += d * d;
        sb[j] += p * p;
      }
    }
    for (; i < n; i++) {
      const double x = w[i], p = b[i], d = x - p;
      sw[0] += x * x;
      sd[0] += d * d;
      sb[0] += p * p;
    }
  } else {
    for (; i + L <= n; i += L) {
      for (int j = 0; j < L; j++) sw[j] += static_cast<double>(w[i + j]) * w[i + j];
    }
    for (; i < n; i++) sw[0] += static_cast<double>(w[i]) * w[i];
  }
  if (g != nullptr) {
    for (i = 0; i + L <= n; i += L) {
      for (int j = 0; j < L; j++) sg[j] += static_cast<double>(g[i + j]) * g[i + j];
    }
    for (; i < n; i++) sg[0] += static_cast<double>(g[i]) * g[i];
  }
  double r[4] = {0, 0, 0, 0};
  for (int j = 0; j < L; j++) r[0] += sw[j], r[1] += sd[j], r[2] += sb[j], r[3] += sg[j];
  for (int k = 0; k < 4; k++) out[k] = r[k];
}
