// Myelin native backend: AVX-512 GEMM kernels.
// COMPILE FLAGS: -O3 -mavx512f -mavx2 -mfma   (this file only; the driver calls it only when
// __builtin_cpu_supports("avx512f") is true, so the rest of the addon stays baseline x86-64).
//
// Register tiles (see gemm_tile.h): fp32 14×32 and fp64 14×16, i.e. 14 rows × 2 zmm per row:
// 28 accumulators + 2 B vectors + the broadcast (folded into the FMA as {1to16} memory operand)
// = 31 of the 32 zmm registers; 28 independent FMA chains hide Zen 5's 2 ports × 4-cycle latency.
// Blocking for Zen 5 (48 KB L1d, 1 MB L2 per core), in elements (see the loop nest in gemm.cc):
//   kc: the B panel (kc × 32 fp32 / kc × 16 fp64 = kc × 128 B) stays in L1 while A panels stream
//       past it: kc = 192 makes it 24 KB, half of L1, leaving room for the A stream and C.
//   mc: the packed A block (mc × kc) stays in L2: fp32 504 × 192 × 4 B and fp64 252 × 192 × 8 B
//       are both 387 KB, ~40% of L2 (multiples of MR = 14).
//   nc: the packed B block (kc × nc) lives in L3: fp32 192 × 4080 × 4 B and fp64 192 × 2040 ×
//       8 B are 3 MB per thread, well inside the 32 MB L3.
// Not tuned on Zen 5 hardware (the development machine has no AVX-512): derived from the cache
// sizes the same way as the AVX2 values, which were tuned by measurement.
#include "gemm_kernels.h"

#if defined(__x86_64__) && defined(__AVX512F__)
#include "gemm_simd_x86.h"
#include "gemm_tile.h"

namespace myelin {
namespace gemm {
namespace {

constexpr Kernel<float> kS = Tile<F32x16, 14, 2>::make("avx512", 192, 504, 4080);
constexpr Kernel<double> kD = Tile<F64x8, 14, 2>::make("avx512", 192, 252, 2040);

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
