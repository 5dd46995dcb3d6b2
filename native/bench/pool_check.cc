// Thread-pool checks (threads.cc): every index covered exactly once in contiguous chunks of at
// least `grain`, small work inline on the caller, nested calls inline, pool resizes between calls,
// concurrent callers (one gets the pool, the other runs inline), exceptions reach the caller.
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bench.h"
#include "threads.h"

namespace bench {
namespace {

int fails = 0;
void expect(bool ok, const char* what) {
  if (!ok) {
    std::printf("FAIL pool: %s\n", what);
    ++fails;
  }
}

// Runs parallel_for(n, grain) and checks coverage and chunk sizes.
void coverage(int64_t n, int64_t grain) {
  std::vector<std::atomic<int>> hits(size_t(n > 0 ? n : 1));
  for (auto& h : hits) h = 0;
  std::atomic<bool> small_chunk{false};
  myelin::parallel_for(n, grain, [&](int64_t b, int64_t e) {
    if (e - b < grain && !(b == 0 && e == n)) small_chunk = true;
    for (int64_t i = b; i < e; ++i) hits[size_t(i)]++;
  });
  bool once = true;
  for (int64_t i = 0; i < n; ++i) once = once && hits[size_t(i)] == 1;
  expect(once, "every index exactly once");
  expect(!small_chunk, "chunks hold at least `grain` items");
}

}  // namespace

int run_pool_checks() {
  fails = 0;
  const int initial = myelin::num_threads();
  for (int threads : {1, 2, 3, 8}) {
    myelin::set_num_threads(threads);
    expect(myelin::num_threads() == threads, "set_num_threads takes effect");
    for (int64_t n : {0, 1, 2, 3, 7, 64, 1000, 100003})
      for (int64_t grain : {1, 2, 16, 5000}) coverage(n, grain);
  }
  myelin::set_num_threads(2);

  // Small work runs inline on the caller.
  const auto caller = std::this_thread::get_id();
  bool inline_small = true;
  myelin::parallel_for(10, 100, [&](int64_t, int64_t) {
    inline_small = inline_small && std::this_thread::get_id() == caller;
  });
  expect(inline_small, "n <= grain runs on the caller");

  // Nested calls run inline inside the chunk that makes them.
  std::atomic<int64_t> nested_sum{0};
  std::atomic<bool> nested_inline{true};
  myelin::parallel_for(4, 1, [&](int64_t b, int64_t e) {
    const auto self = std::this_thread::get_id();
    for (int64_t i = b; i < e; ++i)
      myelin::parallel_for(100, 1, [&](int64_t b2, int64_t e2) {
        if (std::this_thread::get_id() != self) nested_inline = false;
        nested_sum += e2 - b2;
      });
  });
  expect(nested_sum == 400 && nested_inline, "nested parallel_for runs inline");

  // Two threads calling at once: both complete with full coverage.
  std::atomic<int64_t> total{0};
  auto hammer = [&] {
    for (int r = 0; r < 2000; ++r)
      myelin::parallel_for(64, 1, [&](int64_t b, int64_t e) { total += e - b; });
  };
  std::thread other(hammer);
  hammer();
  other.join();
  expect(total == 2 * 2000 * 64, "concurrent callers");

  // An exception in a chunk reaches the caller, and the pool keeps working afterwards.
  bool caught = false;
  try {
    myelin::parallel_for(8, 1, [&](int64_t b, int64_t) {
      if (b >= 4) throw std::runtime_error("chunk failed");
    });
  } catch (const std::runtime_error&) {
    caught = true;
  }
  expect(caught, "exception propagates to the caller");
  coverage(1000, 1);

  myelin::set_num_threads(initial);
  std::printf("thread pool: %s (%d failures)\n", fails ? "FAILED" : "all passed", fails);
  return fails;
}

}  // namespace bench
