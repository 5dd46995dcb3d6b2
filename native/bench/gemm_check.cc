// GEMM correctness: every runnable kernel (plus the emulated AVX-512 geometry), fp32 and fp64,
// 1 and 2 threads (and 3 in the small set), all four transpose combinations over odd sizes,
// batch broadcast (stride 0), padded and non-unit strides, K = 0 and empty M/N, against a
// double-precision reference.
//
// Error bound, per element: |C - ref| <= 2 (K + 2) eps · sum_k |A[i,k]| |B[k,j]|, the classic
// worst-case bound for a K-term dot product in precision eps (2^-23 fp32, 2^-52 fp64); this is
// tighter than 1e-5·K relative for fp32. Outputs start as NaN (so beta = 0 must overwrite every
// element), and a canary after the output must survive (no write past the end).
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include "bench.h"
#include "threads.h"

namespace bench {
namespace {

using myelin::GemmArgs;

struct Case {
  int64_t batch, M, N, K;
  bool ta, tb;       // operand stored transposed (column-major): A as K×M, B as N×K
  int64_t pad;       // extra elements per stored row (leading dimension > logical width)
  int64_t step;      // element step inside a stored row (non-unit inner stride)
  bool bcast_a, bcast_b;  // batch stride 0 for that operand
};

template <typename T>
void run_gemm(const myelin::gemm::Kernel<T>& k, const GemmArgs& g, const T* a, const T* b, T* c);
template <>
void run_gemm(const myelin::gemm::Kernel<float>& k, const GemmArgs& g, const float* a,
              const float* b, float* c) {
  myelin::gemm::sgemm_with(k, g, a, b, c);
}
template <>
void run_gemm(const myelin::gemm::Kernel<double>& k, const GemmArgs& g, const double* a,
              const double* b, double* c) {
  myelin::gemm::dgemm_with(k, g, a, b, c);
}

// Lay out one operand of logical shape rows × cols, stored transposed or not, with the case's
// padding and inner step; returns its strides (row, col) and fills `buf` with random values.
template <typename T>
void make_operand(int64_t batch, int64_t rows, int64_t cols, bool trans, const Case& cs,
                  bool bcast, std::mt19937& rng, std::vector<T>& buf, int64_t& sb, int64_t& sr,
                  int64_t& sc) {
  const int64_t outer = trans ? cols : rows, inner = trans ? rows : cols;
  const int64_t ld = inner * cs.step + cs.pad;  // elements between stored rows
  const int64_t item = outer * ld;
  const int64_t items = bcast ? 1 : batch;
  buf.assign(size_t(std::max<int64_t>(items * item, 1)), T(0));
  std::uniform_real_distribution<double> u(-1, 1);
  for (auto& v : buf) v = T(u(rng));
  sb = bcast ? 0 : item;
  sr = trans ? cs.step : ld;
  sc = trans ? ld : cs.step;
}

template <typename T>
bool check_case(const myelin::gemm::Kernel<T>& k, const Case& cs, std::mt19937& rng,
                const char* label) {
  std::vector<T> a, b;
  GemmArgs g{cs.batch, cs.M, cs.N, cs.K, 0, 0, 0, 0, 0, 0};
  make_operand(cs.batch, cs.M, cs.K, cs.ta, cs, cs.bcast_a, rng, a, g.a_sb, g.a_sm, g.a_sk);
  make_operand(cs.batch, cs.K, cs.N, cs.tb, cs, cs.bcast_b, rng, b, g.b_sb, g.b_sk, g.b_sn);
  const int64_t out_n = cs.batch * cs.M * cs.N, canary = 37;
  std::vector<T> c(size_t(out_n + canary), std::numeric_limits<T>::quiet_NaN());
  for (int64_t i = out_n; i < out_n + canary; ++i) c[size_t(i)] = T(12345);
  run_gemm(k, g, a.data(), b.data(), c.data());

  const double eps = std::numeric_limits<T>::epsilon();
  double worst = 0;  // error / bound, must stay <= 1
  for (int64_t bi = 0; bi < cs.batch; ++bi)
    for (int64_t i = 0; i < cs.M; ++i)
      for (int64_t j = 0; j < cs.N; ++j) {
        double ref = 0, mag = 0;
        for (int64_t p = 0; p < cs.K; ++p) {
          double x = a[size_t(bi * g.a_sb + i * g.a_sm + p * g.a_sk)];
          double y = b[size_t(bi * g.b_sb + p * g.b_sk + j * g.b_sn)];
          ref += x * y;
          mag += std::fabs(x * y);
        }
        double got = c[size_t((bi * cs.M + i) * cs.N + j)];
        double bound = 2.0 * double(cs.K + 2) * eps * mag + 1e-300;
        double r = std::isfinite(got) ? std::fabs(got - ref) / bound : INFINITY;
        if (!(r <= worst)) worst = r;
      }
  bool ok = worst <= 1.0;
  for (int64_t i = out_n; i < out_n + canary; ++i) ok = ok && c[size_t(i)] == T(12345);
  if (!ok)
    std::printf("FAIL %s %s batch=%lld M=%lld N=%lld K=%lld ta=%d tb=%d pad=%lld step=%lld "
                "bcast=%d%d err/bound=%.3g\n",
                label, sizeof(T) == 4 ? "f32" : "f64", (long long)cs.batch, (long long)cs.M,
                (long long)cs.N, (long long)cs.K, cs.ta, cs.tb, (long long)cs.pad,
                (long long)cs.step, cs.bcast_a, cs.bcast_b, worst);
  return ok;
}

std::vector<Case> cases(bool small) {
  std::vector<int64_t> sizes = {1, 3, 17, 33, 100, 257};
  if (small) sizes = {1, 3, 17, 33, 70};
  std::vector<Case> out;
  for (int64_t m : sizes)
    for (int64_t n : sizes)
      for (int64_t k : sizes)
        for (int t = 0; t < 4; ++t) out.push_back({1, m, n, k, bool(t & 1), bool(t & 2), 0, 1,
                                                   false, false});
  // Batches (with and without broadcast), padded rows, non-unit inner steps, K = 0, empty M/N,
  // and sizes that cross the kc / nc / mc block edges of every kernel.
  for (int t = 0; t < 4; ++t) {
    bool ta = t & 1, tb = t & 2;
    out.push_back({3, 19, 45, 29, ta, tb, 0, 1, false, false});
    out.push_back({3, 19, 45, 29, ta, tb, 0, 1, true, false});
    out.push_back({4, 33, 40, 31, ta, tb, 0, 1, false, true});
    out.push_back({2, 31, 37, 23, ta, tb, 5, 1, false, false});
    out.push_back({2, 15, 22, 19, ta, tb, 3, 2, false, false});
    out.push_back({2, 7, 9, 0, ta, tb, 0, 1, false, false});
    out.push_back({2, 0, 9, 5, ta, tb, 0, 1, false, false});
    out.push_back({2, 7, 0, 5, ta, tb, 0, 1, false, false});
    out.push_back({6, 25, 576, 6, ta, tb, 0, 1, false, false});  // conv-like skinny
    if (!small) {
      out.push_back({1, 1030, 700, 413, ta, tb, 0, 1, false, false});  // crosses mc, nc, kc
      out.push_back({1, 64, 700, 800, ta, tb, 0, 1, false, false});    // skinny M, K > kc
      out.push_back({1, 510, 4100, 9, ta, tb, 0, 1, false, false});    // crosses nc and mc
    } else {
      out.push_back({1, 130, 340, 400, ta, tb, 0, 1, false, false});
      out.push_back({1, 130, 4100, 5, ta, tb, 0, 1, false, false});
    }
  }
  return out;
}

template <typename T>
int check_kernel(const myelin::gemm::Kernel<T>& k, const std::string& name, bool small) {
  std::mt19937 rng(1234);
  int fails = 0, total = 0;
  // 3 threads (uneven splits) only in the small set, which the sanitizer builds run.
  for (int threads : {1, 2, 3}) {
    if (threads == 3 && !small) break;
    myelin::set_num_threads(threads);
    for (const Case& cs : cases(small)) {
      ++total;
      if (!check_case(k, cs, rng, name.c_str())) ++fails;
    }
  }
  std::printf("  %-8s %s: %d cases x %s threads, %d failures\n", name.c_str(),
              sizeof(T) == 4 ? "f32" : "f64", total / (small ? 3 : 2), small ? "1,2,3" : "1,2",
              fails);
  return fails;
}

}  // namespace

int run_checks(bool small) {
  std::printf("correctness (error <= 2(K+2)eps*sum|a||b| per element%s):\n",
              small ? ", small size set" : "");
  int fails = 0;
  for (const KernelChoice& kc : runnable_kernels(true)) {
    fails += check_kernel(*kc.s, kc.name, small);
    fails += check_kernel(*kc.d, kc.name, small);
  }
  // The public entry points with the dispatched kernel, once, including a large threaded case.
  myelin::set_num_threads(2);
  std::vector<float> a(513 * 515), b(515 * 517), c(513 * 517);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-1, 1);
  for (auto& v : a) v = u(rng);
  for (auto& v : b) v = u(rng);
  myelin::sgemm({1, 513, 517, 515, 0, 515, 1, 0, 517, 1}, a.data(), b.data(), c.data());
  double worst = 0;
  for (int i = 0; i < 513; i += 7)
    for (int j = 0; j < 517; j += 5) {
      double ref = 0, mag = 0;
      for (int p = 0; p < 515; ++p) {
        ref += double(a[i * 515 + p]) * b[p * 517 + j];
        mag += std::fabs(double(a[i * 515 + p]) * b[p * 517 + j]);
      }
      worst = std::max(worst, std::fabs(c[i * 517 + j] - ref) / (2 * 517 * 1.19e-7 * mag));
    }
  if (!(worst <= 1)) {
    std::printf("FAIL myelin::sgemm 513x517x515 err/bound=%.3g\n", worst);
    ++fails;
  }
  std::printf("correctness: %s (%d failures)\n", fails ? "FAILED" : "all passed", fails);
  return fails;
}

}  // namespace bench
