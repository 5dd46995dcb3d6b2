// Myelin native backend: portable GEMM kernels, the fallback on any CPU and the only kernels on
// non-x86 machines (arm64 builds this file and nothing else from the gemm_*.cc set).
// COMPILE FLAGS: -O3 only (no -m flags: it must run on baseline x86-64 / any arm64).
//
// Register tile (see gemm_tile.h), on 16-byte vectors (GCC/Clang vector extensions: SSE2 on
// x86-64, NEON on arm64), sized to the register file so that nothing spills:
//   x86-64 (16 xmm): 4 rows × 2 vectors: 8 accumulators, 2 B, the broadcast and the products
//   (SSE2 has no FMA, so each multiply needs a temporary): fp32 4×8, fp64 4×4. Measured in L1 on
//   Zen 3: 4×2 runs 33 GFLOP/s, 5×2 20, 4×3 20, 6×2 14 (spills).
//   others (32 NEON registers on arm64): 4 rows × 4 vectors = 16 accumulators: fp32 4×16, fp64 4×8.
// The multiply-add is a multiply and an add unless the compiler may contract them (it may with
// -ffp-contract=fast on arm64: one FMLA). Blocking follows the AVX2 reasoning: the B panel
// (kc × NR) stays in L1, the A block (mc × kc) in L2, the B block (kc × nc) in L3.
#include "gemm_kernels.h"
#include "gemm_tile.h"

namespace myelin {
namespace gemm {
namespace {

template <typename E>
// One 16-byte vector of E, through the compiler's generic vector extension.
struct Vec16 : NoTranspose8 {
  using T = E;
  typedef E R __attribute__((vector_size(16)));
  static constexpr int L = 16 / sizeof(E);
  static R zero() { return R{}; }
  static R load(const T* p) {
    R v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
  }
  static void store(T* p, R v) { __builtin_memcpy(p, &v, sizeof v); }
  static R bcast(const T* p) {
    R v;
    for (int i = 0; i < L; ++i) v[i] = *p;  // recognised as a splat (R{} + x would add a zero)
    return v;
  }
  static R add(R a, R b) { return a + b; }
  static R fma(R a, R b, R c) { return a * b + c; }
};

#if defined(__x86_64__)
constexpr Kernel<float> kS = Tile<Vec16<float>, 4, 2>::make("generic", 384, 120, 4080);
constexpr Kernel<double> kD = Tile<Vec16<double>, 4, 2>::make("generic", 384, 60, 2040);
#else
constexpr Kernel<float> kS = Tile<Vec16<float>, 4, 4>::make("generic", 384, 120, 4080);
constexpr Kernel<double> kD = Tile<Vec16<double>, 4, 4>::make("generic", 384, 60, 2040);
#endif

}  // namespace

const Kernel<float>* sgemm_kernel_generic() { return &kS; }
const Kernel<double>* dgemm_kernel_generic() { return &kD; }

}  // namespace gemm
}  // namespace myelin
