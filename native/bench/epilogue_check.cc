// GEMM epilogues and packed chains: sgemm and sgemm_packed with a bias/relu epilogue must equal,
// bit for bit, the product followed by a separate bias/relu pass (every split: rows, columns, one
// thread, several), and sgemm_packed_chain must equal sgemm_packed layer by layer (1-3 threads,
// row counts around the chunk sizes, with and without biases and relus). Outputs start as NaN so
// every element must be written.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "bench.h"
#include "gemm.h"
#include "threads.h"

namespace bench {
namespace {

using myelin::Epilogue;
using myelin::GemmArgs;
using myelin::PackedLayer;

std::vector<float> random(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> v(n);
  for (auto& x : v) x = u(rng);
  return v;
}

std::vector<float> nans(size_t n) { return std::vector<float>(n, std::numeric_limits<float>::quiet_NaN()); }

void bias_relu(int64_t M, int64_t N, const float* bias, bool relu, float* y) {
  for (int64_t i = 0; i < M * N; ++i) {
    float v = bias ? y[i] + bias[i % N] : y[i];
    y[i] = relu && v <= 0.0f ? 0.0f : v;
  }
}

bool same(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

int check_epilogues(std::mt19937& rng) {
  int fails = 0;
  // (M, N, K): skinny, wide (column split), tails in both, K = 0, one row
  const int64_t shapes[][3] = {{37, 45, 29}, {3, 700, 64}, {300, 20, 100}, {64, 256, 784}, {5, 7, 0}, {1, 33, 17}};
  for (const auto& s : shapes) {
    const int64_t M = s[0], N = s[1], K = s[2];
    const auto a = random(size_t(M * K), rng), w = random(size_t(N * K), rng), bias = random(size_t(N), rng);
    std::vector<float> packed(size_t(myelin::sgemm_packed_size(K, N)));
    myelin::sgemm_pack_b(K, N, w.data(), 1, K, packed.data());
    for (const float* b : {static_cast<const float*>(nullptr), bias.data()}) {
      for (bool relu : {false, true}) {
        const Epilogue<float> ep{b, relu};
        auto want = nans(size_t(M * N)), got = nans(size_t(M * N)), got_packed = nans(size_t(M * N));
        const GemmArgs g{1, M, N, K, 0, K, 1, 0, 1, K};  // a · wᵀ, as the linear layer
        myelin::sgemm(g, a.data(), w.data(), want.data());
        bias_relu(M, N, b, relu, want.data());
        myelin::sgemm(g, a.data(), w.data(), got.data(), &ep);
        myelin::sgemm_packed(M, N, K, a.data(), K, 1, packed.data(), got_packed.data(), &ep);
        if (!same(want, got) || !same(want, got_packed)) {
          std::printf("FAIL epilogue %lldx%lldx%lld bias=%d relu=%d threads=%d (sgemm %s, packed %s)\n", (long long)M, (long long)N,
                      (long long)K, b != nullptr, relu, myelin::num_threads(), same(want, got) ? "ok" : "differs",
                      same(want, got_packed) ? "ok" : "differs");
          ++fails;
        }
      }
    }
  }
  return fails;
}

int check_chains(std::mt19937& rng) {
  int fails = 0;
  // widths of each chain: [K0, N0, N1, ...]
  const std::vector<std::vector<int64_t>> chains = {{70, 33, 17, 5}, {784, 256, 128, 10}, {9, 40}, {20, 9, 0, 3}, {5, 64, 64, 64, 64, 2}};
  for (const auto& dims : chains) {
    const int L = int(dims.size()) - 1;
    const size_t nl = dims.size() - 1;
    std::vector<std::vector<float>> packs(nl), biases(nl);
    std::vector<PackedLayer> layers(nl);
    for (int l = 0; l < L; ++l) {
      const int64_t K = dims[size_t(l)], N = dims[size_t(l) + 1];
      const auto w = random(size_t(N * K), rng);
      packs[size_t(l)].resize(size_t(myelin::sgemm_packed_size(K, N)));
      myelin::sgemm_pack_b(K, N, w.data(), 1, K, packs[size_t(l)].data());
      biases[size_t(l)] = random(size_t(N), rng);
      layers[size_t(l)] = PackedLayer{K, N, packs[size_t(l)].data(), l % 3 == 1 ? nullptr : biases[size_t(l)].data(), l + 1 < L};
    }
    for (int64_t M : {1, 7, 12, 13, 66, 257, 600}) {
      const auto x = random(size_t(M * dims[0]), rng);
      std::vector<float> in = x, want;
      for (int l = 0; l < L; ++l) {
        const PackedLayer& p = layers[size_t(l)];
        want = nans(size_t(M * p.N));
        const Epilogue<float> ep{p.bias, p.relu};
        myelin::sgemm_packed(M, p.N, p.K, in.data(), p.K, 1, p.packed, want.data(), &ep);
        in = want;
      }
      auto got = nans(want.size());
      myelin::sgemm_packed_chain(M, x.data(), layers.data(), L, got.data());
      if (!same(want, got)) {
        std::printf("FAIL chain of %d layers (K0=%lld) M=%lld threads=%d\n", L, (long long)dims[0], (long long)M, myelin::num_threads());
        ++fails;
      }
    }
  }
  return fails;
}

}  // namespace

int run_epilogue_checks() {
  std::mt19937 rng(99);
  int fails = 0;
  for (int threads : {1, 2, 3}) {
    myelin::set_num_threads(threads);
    fails += check_epilogues(rng) + check_chains(rng);
  }
  std::printf("epilogues and packed chains (bitwise, 1-3 threads): %s (%d failures)\n", fails ? "FAILED" : "all passed", fails);
  return fails;
}

}  // namespace bench
