// Myelin native backend: AVX2 + FMA GEMM kernels.
// COMPILE FLAGS: -O3 -mavx2 -mfma   (this file only; the driver calls it only when the CPU
// reports both avx2 and fma).
//
// Register tiles (see gemm_tile.h): fp32 6×16 and fp64 6×8, i.e. 6 rows × 2 ymm per row:
// 12 accumulators + 2 B vectors + 1 broadcast = 15 of the 16 ymm registers; 12 independent FMA
// chains cover 2 FMA ports × 4-5 cycles of latency (Zen 2-4, Haswell and later).
// Blocking for AVX2-only parts (32 KB L1d, 512 KB L2 per core, e.g. Zen 3), in elements (see the
// loop nest in gemm.cc); fp32 measured on Zen 3 (kc 192-512, mc 48-336, nc 512-4080 tried):
//   kc: the B panel (kc × 16 fp32 / kc × 8 fp64 = kc × 64 B) stays in L1 while A panels stream:
//       kc = 384 makes it 24 KB.
//   mc: the packed A block (mc × kc) stays in L2: fp32 120 × 384 × 4 B = fp64 60 × 384 × 8 B =
//       184 KB, about a third of L2.
//   nc: the packed B block (kc × nc) lives in L3: fp32 384 × 4080 × 4 B = fp64 384 × 2040 × 8 B
//       = 6 MB per thread.
#include "gemm_kernels.h"

#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
#include "gemm_simd_x86.h"
#include "gemm_tile.h"

namespace myelin {
namespace gemm {
namespace {

constexpr Kernel<float> kS = Tile<F32x8, 6, 2>::make("avx2", 384, 120, 4080);
constexpr Kernel<double> kD = Tile<F64x4, 6, 2>::make("avx2", 384, 60, 2040);

}  // namespace

const Kernel<float>* sgemm_kernel_avx2() { return &kS; }
const Kernel<double>* dgemm_kernel_avx2() { return &kD; }

}  // namespace gemm
}  // namespace myelin

#else  // not x86-64, or compiled without -mavx2 -mfma: no AVX2 kernel

namespace myelin {
namespace gemm {
const Kernel<float>* sgemm_kernel_avx2() { return nullptr; }
const Kernel<double>* dgemm_kernel_avx2() { return nullptr; }
}  // namespace gemm
}  // namespace myelin

#endif
