// Myelin native backend: AVX-512 GEMM kernels.
// COMPILE FLAGS: -O3 -mavx512f -mavx2 -mfma   (this file only; the driver calls it only when
// __builtin_cpu_supports("avx512f") is true, so the rest of the addon stays baseline x86-64).
//
// Register tiles (see gemm_tile.h): fp32 14×32 and fp64 14×16, i.e. 14 rows × 2 zmm per row:
// 28 accumulators + 2 B vectors + the broadcast (folded into the FMA as {1to16} memory operand)
// = 31 of the 32 zmm registers; 28 independent FMA chains hide Zen 5's 2 ports × 4-cycle latency.
// Blocking for Zen 5 (48 KB L1d, 1 MB L2 per core), in elements:
//   kc: the A panel (14 × kc) must stay in L1 while B panels stream through: fp32 kc = 384 is
//       21 KB, fp64 kc = 192 is 21 KB, less than half of L1, leaving room for the B stream.
//   nc: the packed B block (kc × nc) must stay in L2: fp32 384 × 320 × 4 B = 480 KB, fp64
//       192 × 320 × 8 B = 480 KB, half of L2 (the rest holds A and C traffic).
//   mc: the packed A block (mc × kc) lives in L2/L3 and is swept once per B block: 1008 rows
//       (72 panels) keeps it at 1.5 MB, small next to the 32 MB L3.
#include "gemm_kernels.h"

#if defined(__x86_64__) && defined(__AVX512F__)
#include "gemm_simd_x86.h"
#include "gemm_tile.h"

namespace myelin {
namespace gemm {
namespace {

constexpr Kernel<float> kS = Tile<F32x16, 14, 2>::make("avx512", 384, 1008, 320);
constexpr Kernel<double> kD = Tile<F64x8, 14, 2>::make("avx512", 192, 1008, 320);

}  // namespace

const Kernel<float>* sgemm_kernel_avx512() { return &kS; }
const Kernel<double>* dgemm_kernel_avx512() { return &kD; }

}  // namespace gemm
}  // namespace myelin

#else  // not x86-64, or compiled without -mavx512f: no AVX-512 kernel

namespace myelin {
namespace gemm {
const Kernel<float>* sgemm_kernel_avx512() { return nullptr; }
const Kernel<double>* dgemm_kernel_avx512() { return nullptr; }
}  // namespace gemm
}  // namespace myelin

#endif
