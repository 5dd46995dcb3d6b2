// Myelin native backend: the interface between the GEMM driver (gemm.cc, compiled with baseline
// flags) and its per-ISA kernel files, each compiled with its own -m flags:
//   gemm_avx512.cc   -mavx512f -mavx2 -mfma   (only called when the CPU reports avx512f)
//   gemm_avx2.cc     -mavx2 -mfma             (only called when the CPU reports avx2 and fma)
//   gemm_generic.cc  no extra flags           (portable; the only kernel on non-x86 machines)
// The driver owns blocking, threading and edge handling; a kernel file owns the register tile
// and the packing loops (packing is compiled per ISA so its copies vectorise with the same ISA).
#pragma once
#include <cstdint>

#include "gemm.h"

namespace myelin {
namespace gemm {

// Packed layouts, for one kc-deep slice of K:
//   A panel: up to MR rows of A, interleaved by k:  ap[p * MR + i] = A[i, p]   (i < m)
//   B panel: NR columns of B, row by row:           bp[p * NR + j] = B[p, j]   (zero for j >= n)
// The tile kernel reads B through a row stride `ldb`, so a row-major B (unit column stride) can
// also be read in place with ldb = its row stride, skipping the pack for skinny-M products.
template <typename T>
struct Kernel {
  const char* name;
  int mr, nr;  // register tile: mr rows × nr columns of C (nr = SIMD lanes × vectors per row)
  int kc;      // K block: a B panel (kc × nr) stays in L1 while A panels stream past it
  int mc;      // M block: the packed A block (mc × kc) stays in L2, swept once per B panel
  int nc;      // N block: the packed B block (kc × nc) stays in L3, reused by every A block
  // C[0:m, 0:nr] = (acc ? C : 0) + ap · b, for k steps, m <= mr. C rows are ldc apart.
  void (*tile)(int m, int64_t k, const T* ap, const T* b, int64_t ldb, T* c, int64_t ldc,
               bool acc);
  // Pack A[0:m, 0:k] (element strides sm, sk) into one A panel.
  void (*pack_a)(int m, int64_t k, const T* a, int64_t sm, int64_t sk, T* ap);
  // Pack B[0:k, 0:n] (element strides sk, sn) into one B panel, zero-filling columns n..nr-1.
  void (*pack_b)(int n, int64_t k, const T* b, int64_t sk, int64_t sn, T* bp);
};

// Each returns its kernel, or nullptr when that file was compiled without its ISA (non-x86).
const Kernel<float>* sgemm_kernel_avx512();
const Kernel<double>* dgemm_kernel_avx512();
const Kernel<float>* sgemm_kernel_avx2();
const Kernel<double>* dgemm_kernel_avx2();
const Kernel<float>* sgemm_kernel_generic();
const Kernel<double>* dgemm_kernel_generic();

// The kernels the driver dispatches to: chosen once from the CPU's features, overridable for tests
// and benchmarks with MYELIN_GEMM_KERNEL=avx512|avx2|generic (ignored if the CPU lacks it).
const Kernel<float>& sgemm_kernel();
const Kernel<double>& dgemm_kernel();

// sgemm/dgemm with an explicit kernel: for the test harness (every kernel the CPU can run, and
// test-only kernels with another kernel's tile geometry), not for the addon.
void sgemm_with(const Kernel<float>& k, const GemmArgs& g, const float* a, const float* b,
                float* out);
void dgemm_with(const Kernel<double>& k, const GemmArgs& g, const double* a, const double* b,
                double* out);

}  // namespace gemm
}  // namespace myelin
