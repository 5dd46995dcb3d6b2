// Shared declarations of the standalone GEMM harness (gemm_bench.cc, gemm_check.cc and the
// per-ISA helper files, each compiled with the -m flags the Makefile gives it).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "gemm_kernels.h"

namespace bench {

// FMA throughput probes: run `iters` rounds of independent FMA chains, return the flops done
// (0 when the file was built without that ISA).
double fma_probe_avx512(int64_t iters);
double fma_probe_avx2(int64_t iters);

// Test-only kernels with the AVX-512 tile geometry and blocking (fp32 14×32, fp64 14×16) built
// from AVX2 registers, so the AVX-512 code path's edges, blocking and packing are exercised on
// machines without AVX-512 (nullptr when built without AVX2).
const myelin::gemm::Kernel<float>* sgemm_kernel_emul512();
const myelin::gemm::Kernel<double>* dgemm_kernel_emul512();

// A kernel the harness can run, by name, with its runner.
struct KernelChoice {
  std::string name;
  const myelin::gemm::Kernel<float>* s;
  const myelin::gemm::Kernel<double>* d;
};
std::vector<KernelChoice> runnable_kernels(bool with_emulated);

// Correctness against a double-precision reference; returns the number of failures.
int run_checks(bool small);

// Thread-pool behaviour (pool_check.cc); returns the number of failures.
int run_pool_checks();

// GEMM epilogues and packed chains, bitwise against the unfused computation (epilogue_check.cc).
int run_epilogue_checks();

}  // namespace bench
