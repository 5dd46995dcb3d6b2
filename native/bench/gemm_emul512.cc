// Test-only kernels: the AVX-512 tile geometry and blocking built from AVX2 registers.
// COMPILE FLAGS: -O3 -mavx2 -mfma. Never part of the addon. The real AVX-512 kernels
// (native/src/gemm_avx512.cc) are the same Tile template with the same MR/NR/kc/mc/nc; only the
// traits (gemm_simd_x86.h, one intrinsic per operation) differ. Running this kernel through the
// driver checks the MR = 14 row tails, NR = 32 / 16 column tails and the blocking of that path on
// machines without AVX-512; it spills registers, so its speed means nothing.
#include "bench.h"
#if defined(__x86_64__) && defined(__AVX2__) && defined(__FMA__)
#include "gemm_simd_x86.h"
#include "gemm_tile.h"

namespace {
using myelin::gemm::Kernel;
using myelin::gemm::Tile;
constexpr Kernel<float> kS = Tile<myelin::gemm::F32x8, 14, 4>::make("emul512", 192, 504, 4080);
constexpr Kernel<double> kD = Tile<myelin::gemm::F64x4, 14, 4>::make("emul512", 192, 252, 2040);
}  // namespace

const Kernel<float>* bench::sgemm_kernel_emul512() { return &kS; }
const Kernel<double>* bench::dgemm_kernel_emul512() { return &kD; }
#else
const myelin::gemm::Kernel<float>* bench::sgemm_kernel_emul512() { return nullptr; }
const myelin::gemm::Kernel<double>* bench::dgemm_kernel_emul512() { return nullptr; }
#endif
