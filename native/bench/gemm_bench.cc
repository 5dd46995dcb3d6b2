// Standalone GEMM harness (no Node): correctness checks (gemm_check.cc), the machine's measured
// FMA peak, and GEMM GFLOP/s for square sizes and the training shapes, on 1 and 2 threads.
//   gemm_bench                 checks, then speed
//   gemm_bench --check         checks only            (--small: the reduced size set, for ASan)
//   gemm_bench --perf          speed only             (--quick: fewer sizes, shorter timing)
// MYELIN_GEMM_KERNEL=avx512|avx2|generic picks the dispatched kernel (see gemm.cc).
// Timings are best-of-several: the 2 cores are shared, so the best run is the least disturbed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "bench.h"
#include "gemm.h"
#include "threads.h"

namespace bench {

std::vector<KernelChoice> runnable_kernels(bool with_emulated) {
  using namespace myelin::gemm;
  std::vector<KernelChoice> out;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (sgemm_kernel_avx512() && __builtin_cpu_supports("avx512f"))
    out.push_back({"avx512", sgemm_kernel_avx512(), dgemm_kernel_avx512()});
  if (sgemm_kernel_avx2() && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    out.push_back({"avx2", sgemm_kernel_avx2(), dgemm_kernel_avx2()});
    if (with_emulated && sgemm_kernel_emul512())
      out.push_back({"emul512", sgemm_kernel_emul512(), dgemm_kernel_emul512()});
  }
#endif
  out.push_back({"generic", sgemm_kernel_generic(), dgemm_kernel_generic()});
  return out;
}

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Best seconds per call of fn over `rounds` samples of at least `min_s` each.
template <class F>
double best_time(F fn, int rounds, double min_s) {
  fn();  // warm-up: scratch buffers, page faults, worker wake-up
  int reps = 1;
  for (;;) {  // find a repetition count that fills min_s
    auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    double t = seconds_since(t0);
    if (t >= min_s || reps >= (1 << 20)) break;
    reps = std::max(reps * 2, int(reps * min_s / std::max(t, 1e-9)));
  }
  double best = 1e30;
  for (int i = 0; i < rounds; ++i) {
    auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    best = std::min(best, seconds_since(t0) / reps);
  }
  return best;
}

// fp32 FMA peak of `threads` cores together, GFLOP/s, with the widest ISA this CPU runs.
double fma_peak(int threads, const char** isa) {
  double (*probe)(int64_t) = nullptr;
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx512f") && fma_probe_avx512(1) > 0) {
    probe = fma_probe_avx512;
    *isa = "avx512";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
             fma_probe_avx2(1) > 0) {
    probe = fma_probe_avx2;
    *isa = "avx2";
  }
#endif
  if (!probe) {
    *isa = "none";
    return 0;
  }
  const int64_t iters = 2000000;
  const double flops = probe(iters) * threads;
  myelin::set_num_threads(threads);
  double t = best_time([&] { myelin::parallel_for(threads, 1, [&](int64_t b, int64_t e) {
                         for (int64_t i = b; i < e; ++i) probe(iters);
                       }); },
                       5, 0.05);
  return flops / t / 1e9;
}

struct Shape {
  const char* label;
  int64_t M, K, N;
  bool ta, tb;  // A stored as K×M (A^T·B), B stored as N×K (A·B^T)
};

template <typename T>
double gemm_gflops(const Shape& s, int threads, bool quick) {
  std::vector<T> a(size_t(s.M * s.K)), b(size_t(s.K * s.N)), c(size_t(s.M * s.N));
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  for (auto& v : a) v = T(u(rng));
  for (auto& v : b) v = T(u(rng));
  myelin::GemmArgs g{1, s.M, s.N, s.K, 0, s.ta ? 1 : s.K, s.ta ? s.M : 1,
                     0, s.tb ? 1 : s.N, s.tb ? s.K : 1};
  myelin::set_num_threads(threads);
  auto run = [&] {
    if constexpr (sizeof(T) == 4) myelin::sgemm(g, a.data(), b.data(), c.data());
    else myelin::dgemm(g, a.data(), b.data(), c.data());
  };
  double t = best_time(run, quick ? 3 : 7, quick ? 0.03 : 0.1);
  return 2.0 * double(s.M) * s.N * s.K / t / 1e9;
}

void run_perf(bool quick) {
  const char* isa = "";
  double peak1 = fma_peak(1, &isa), peak2 = fma_peak(2, &isa);
  std::printf("\nFMA peak (fp32, %s, measured): %.1f GFLOP/s on 1 thread, %.1f on 2\n", isa,
              peak1, peak2);
  std::printf("dispatched kernel: %s (fp32 tile %dx%d, kc=%d mc=%d nc=%d)\n",
              myelin::gemm::sgemm_kernel().name, myelin::gemm::sgemm_kernel().mr,
              myelin::gemm::sgemm_kernel().nr, myelin::gemm::sgemm_kernel().kc,
              myelin::gemm::sgemm_kernel().mc, myelin::gemm::sgemm_kernel().nc);
  std::vector<Shape> shapes = {
      {"N=256", 256, 256, 256, false, false},
      {"N=512", 512, 512, 512, false, false},
      {"N=1024", 1024, 1024, 1024, false, false},
      {"N=2048", 2048, 2048, 2048, false, false},
      {"mlp fwd [64,784]x[784,256]", 64, 784, 256, false, false},
      {"mlp fwd [64,256]x[256,128]", 64, 256, 128, false, false},
      {"dW A^T.B [784,64]x[64,256]", 784, 64, 256, true, false},
      {"dW A^T.B [256,64]x[64,128]", 256, 64, 128, true, false},
      {"dX A.B^T [64,256]x[256,784]", 64, 256, 784, false, true},
      {"dX A.B^T [64,128]x[128,256]", 64, 128, 256, false, true},
      {"conv1 [6,25]x[25,36864]", 6, 25, 576 * 64, false, false},
      {"conv2 [16,150]x[150,4096]", 16, 150, 64 * 64, false, false},
      {"N=1024 A^T.B", 1024, 1024, 1024, true, false},
      {"N=1024 A.B^T", 1024, 1024, 1024, false, true},
      {"N=1024 A^T.B^T", 1024, 1024, 1024, true, true},
  };
  std::printf("\nsgemm GFLOP/s (best of runs)   %10s %7s %10s %7s %8s\n", "1 thread", "%peak",
              "2 threads", "%peak", "2T/1T");
  for (const Shape& s : shapes) {
    if (quick && s.M == 2048) continue;
    double g1 = gemm_gflops<float>(s, 1, quick), g2 = gemm_gflops<float>(s, 2, quick);
    std::printf("%-32s %10.1f %6.0f%% %10.1f %6.0f%% %7.2fx\n", s.label, g1,
                peak1 > 0 ? 100 * g1 / peak1 : 0, g2, peak2 > 0 ? 100 * g2 / peak2 : 0, g2 / g1);
  }
  std::printf("\ndgemm GFLOP/s (fp64 peak is half the fp32 peak)\n");
  for (const Shape& s : {shapes[1], shapes[2]}) {
    double g1 = gemm_gflops<double>(s, 1, quick), g2 = gemm_gflops<double>(s, 2, quick);
    std::printf("%-32s %10.1f %6.0f%% %10.1f %6.0f%% %7.2fx\n", s.label, g1,
                peak1 > 0 ? 200 * g1 / peak1 : 0, g2, peak2 > 0 ? 200 * g2 / peak2 : 0, g2 / g1);
  }
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bool check = true, perf = true, small = false, quick = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--check")) perf = false;
    else if (!std::strcmp(argv[i], "--perf")) check = false;
    else if (!std::strcmp(argv[i], "--small")) small = true;
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else {
      std::fprintf(stderr, "usage: %s [--check|--perf] [--small] [--quick]\n", argv[0]);
      return 2;
    }
  }
  std::printf("myelin gemm bench: pool of %d threads; kernels:", myelin::num_threads());
  for (const auto& k : bench::runnable_kernels(false)) std::printf(" %s", k.name.c_str());
  std::printf(" (dispatched: %s)\n", myelin::gemm::sgemm_kernel().name);
  int fails = check ? bench::run_checks(small) : 0;
  if (perf) bench::run_perf(quick);
  return fails ? 1 : 0;
}
