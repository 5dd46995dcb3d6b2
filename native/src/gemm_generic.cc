// Myelin native backend: portable GEMM kernels, the fallback on any CPU and the only kernels on
// non-x86 machines (arm64 builds this file and nothing else from the gemm_*.cc set).
// COMPILE FLAGS: -O3 only (no -m flags: it must run on baseline x86-64 / any arm64).
//
// Register tile (see gemm_tile.h): 4 rows × 4 vectors of 16 bytes (GCC/Clang vector extensions,
// i.e. SSE2 on x86-64 and NEON on arm64): fp32 4×16 and fp64 4×8, 16 accumulators, which both
// ISAs' 16 (SSE) or 32 (NEON) vector registers hold. The multiply-add is a multiply and an add
// unless the compiler may contract them (-ffp-contract=fast on arm64 gives one FMLA).
// Blocking as for AVX2 (a B panel row is 64 bytes in both): kc = 384 (24 KB B panel in L1),
// mc = 120 / 60 (184 KB A block in L2), nc = 4080 / 2040 (B block in L3).
#include "gemm_kernels.h"
#include "gemm_tile.h"

namespace myelin {
namespace gemm {
namespace {

template <typename E>
struct Vec16 : NoTranspose8 {  // one 16-byte vector of E, via the compiler's generic vector extension
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
  static R bcast(const T* p) { return R{} + *p; }
  static R add(R a, R b) { return a + b; }
  static R fma(R a, R b, R c) { return a * b + c; }
};

constexpr Kernel<float> kS = Tile<Vec16<float>, 4, 4>::make("generic", 384, 120, 4080);
constexpr Kernel<double> kD = Tile<Vec16<double>, 4, 4>::make("generic", 384, 60, 2040);

}  // namespace

const Kernel<float>* sgemm_kernel_generic() { return &kS; }
const Kernel<double>* dgemm_kernel_generic() { return &kD; }

}  // namespace gemm
}  // namespace myelin
