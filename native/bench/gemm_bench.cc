// Standalone GEMM harness (no Node): correctness checks (gemm_check.cc), the machine's measured
// FMA peak, and GEMM GFLOP/s for square sizes and the training shapes, on 1 and 2 threads.
//   gemm_bench                 checks, then speed
//   gemm_bench --check         checks only            (--small: the reduced size set, for ASan)
//   gemm_bench --perf          speed only             (--quick: fewer sizes, shorter timing)
//   --openblas                 also time OpenBLAS (dlopen libopenblas.so.0, if installed) on the
//                              same operands, interleaved with ours, and print the ratios
//   --only TEXT                only the shapes whose label contains TEXT (e.g. "N=1024")
// MYELIN_GEMM_KERNEL=avx512|avx2|generic picks the dispatched kernel (see gemm.cc).
// Timings are best-of-several: the 2 cores are shared, so the best run is the least disturbed.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
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

// Repetitions of fn that fill about min_s seconds (after a warm-up call).
template <class F>
int calibrate(F fn, double min_s) {
  fn();  // warm-up: scratch buffers, page faults, worker wake-up
  for (int reps = 1;;) {
    auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    double t = seconds_since(t0);
    if (t >= min_s || reps >= (1 << 20)) return reps;
    reps = std::max(reps * 2, int(reps * min_s / std::max(t, 1e-9)));
  }
}

// Seconds per call of one sample of `reps` calls.
template <class F>
double sample(F fn, int reps) {
  auto t0 = Clock::now();
  for (int r = 0; r < reps; ++r) fn();
  return seconds_since(t0) / reps;
}

// Best seconds per call over `rounds` samples.
template <class F>
double best_time(F fn, int rounds, double min_s) {
  const int reps = calibrate(fn, min_s);
  double best = 1e30;
  for (int i = 0; i < rounds; ++i) best = std::min(best, sample(fn, reps));
  return best;
}

// OpenBLAS, when its shared library is installed, timed in the same process on the same
// operands, alternating with ours round by round so that both see the same machine noise.
struct Peer {
  using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int,
                         float, float*, int);
  Sgemm sgemm = nullptr;
  void (*set_threads)(int) = nullptr;
  bool load() {
    for (const char* var : {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"})
      if (std::getenv(var))
        std::printf("WARNING: %s is set and forces a slower OpenBLAS kernel; run with "
                    "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE\n", var);
    void* h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) return false;
    sgemm = reinterpret_cast<Sgemm>(dlsym(h, "cblas_sgemm"));
    set_threads = reinterpret_cast<void (*)(int)>(dlsym(h, "openblas_set_num_threads"));
    return sgemm && set_threads;
  }
};

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

// GFLOP/s of ours and (if loaded) the peer's fp32 GEMM for one shape and thread count.
struct Result {
  double ours = 0, peer = 0;
};

template <typename T>
Result measure(const Shape& s, int threads, bool quick, const Peer* peer) {
  std::vector<T> a(size_t(s.M * s.K)), b(size_t(s.K * s.N)), c(size_t(s.M * s.N));
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  for (auto& v : a) v = T(u(rng));
  for (auto& v : b) v = T(u(rng));
  myelin::GemmArgs g{1, s.M, s.N, s.K, 0, s.ta ? 1 : s.K, s.ta ? s.M : 1,
                     0, s.tb ? 1 : s.N, s.tb ? s.K : 1};
  myelin::set_num_threads(threads);
  auto ours = [&] {
    if constexpr (sizeof(T) == 4) myelin::sgemm(g, a.data(), b.data(), c.data());
    else myelin::dgemm(g, a.data(), b.data(), c.data());
  };
  auto theirs = [&] {  // row-major cblas call with the same transposes and leading dimensions
    if constexpr (sizeof(T) == 4)
      peer->sgemm(101, s.ta ? 112 : 111, s.tb ? 112 : 111, int(s.M), int(s.N), int(s.K), 1.0f,
                  a.data(), int(s.ta ? s.M : s.K), b.data(), int(s.tb ? s.K : s.N), 0.0f,
                  c.data(), int(s.N));
  };
  const double flops = 2.0 * double(s.M) * s.N * s.K, min_s = quick ? 0.02 : 0.04;
  const int rounds = quick ? 5 : 15;  // many short samples: the best one dodges the noise
  Result r;
  if (!peer || sizeof(T) != 4) {
    r.ours = flops / best_time(ours, rounds, min_s) / 1e9;
    return r;
  }
  peer->set_threads(threads);
  const int reps_ours = calibrate(ours, min_s), reps_peer = calibrate(theirs, min_s);
  double t_ours = 1e30, t_peer = 1e30;
  for (int i = 0; i < rounds; ++i) {
    t_ours = std::min(t_ours, sample(ours, reps_ours));
    t_peer = std::min(t_peer, sample(theirs, reps_peer));
  }
  r.ours = flops / t_ours / 1e9;
  r.peer = flops / t_peer / 1e9;
  return r;
}

void run_perf(bool quick, bool with_peer, const char* only) {
  const char* isa = "";
  double peak1 = fma_peak(1, &isa), peak2 = fma_peak(2, &isa);
  std::printf("\nFMA peak (fp32, %s, measured): %.1f GFLOP/s on 1 thread, %.1f on 2\n", isa,
              peak1, peak2);
  const auto& k = myelin::gemm::sgemm_kernel();
  std::printf("dispatched kernel: %s (fp32 tile %dx%d, kc=%d mc=%d nc=%d)\n", k.name, k.mr, k.nr,
              k.kc, k.mc, k.nc);
  Peer peer_lib;
  const Peer* peer = with_peer && peer_lib.load() ? &peer_lib : nullptr;
  if (with_peer && !peer) std::printf("OpenBLAS (libopenblas.so.0) not found: peer skipped\n");
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
  std::printf("\nsgemm GFLOP/s, best of runs (%%pk: of the measured FMA peak%s)\n",
              peer ? "; OB: OpenBLAS in the same process, interleaved" : "");
  std::printf("%-30s %7s %5s", "shape", "1T", "%pk");
  if (peer) std::printf(" %7s %6s", "OB 1T", "ratio");
  std::printf(" %7s %5s", "2T", "%pk");
  if (peer) std::printf(" %7s %6s", "OB 2T", "ratio");
  std::printf(" %6s\n", "2T/1T");
  for (const Shape& s : shapes) {
    if ((quick && s.M == 2048) || (only && !std::strstr(s.label, only))) continue;
    Result r1 = measure<float>(s, 1, quick, peer), r2 = measure<float>(s, 2, quick, peer);
    std::printf("%-30s %7.1f %4.0f%%", s.label, r1.ours, peak1 > 0 ? 100 * r1.ours / peak1 : 0);
    if (peer) std::printf(" %7.1f %5.2fx", r1.peer, r1.ours / r1.peer);
    std::printf(" %7.1f %4.0f%%", r2.ours, peak2 > 0 ? 100 * r2.ours / peak2 : 0);
    if (peer) std::printf(" %7.1f %5.2fx", r2.peer, r2.ours / r2.peer);
    std::printf(" %5.2fx\n", r2.ours / r1.ours);
  }
  if (only) return;
  std::printf("\ndgemm GFLOP/s (%%pk: of half the fp32 peak)\n");
  for (const Shape& s : {shapes[1], shapes[2]}) {
    double g1 = measure<double>(s, 1, quick, nullptr).ours;
    double g2 = measure<double>(s, 2, quick, nullptr).ours;
    std::printf("%-30s %7.1f %4.0f%% %7.1f %4.0f%% %5.2fx\n", s.label, g1,
                peak1 > 0 ? 200 * g1 / peak1 : 0, g2, peak2 > 0 ? 200 * g2 / peak2 : 0, g2 / g1);
  }
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bool check = true, perf = true, small = false, quick = false, peer = false;
  const char* only = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--check")) perf = false;
    else if (!std::strcmp(argv[i], "--perf")) check = false;
    else if (!std::strcmp(argv[i], "--small")) small = true;
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--openblas")) peer = true;
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--check|--perf] [--small] [--quick] [--openblas] [--only TEXT]\n",
                   argv[0]);
      return 2;
    }
  }
  std::printf("myelin gemm bench: pool of %d threads; kernels:", myelin::num_threads());
  for (const auto& k : bench::runnable_kernels(false)) std::printf(" %s", k.name.c_str());
  std::printf(" (dispatched: %s)\n", myelin::gemm::sgemm_kernel().name);
  int fails = check ? bench::run_pool_checks() + bench::run_checks(small) + bench::run_epilogue_checks() : 0;
  if (perf) bench::run_perf(quick, peer, only);
  return fails ? 1 : 0;
}
