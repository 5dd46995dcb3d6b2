// Myelin native backend: the thread pool contract (implemented in threads.cc).
// A fixed pool sized to the machine's cores (MYELIN_NUM_THREADS overrides; setNumThreads at run
// time). parallel_for splits [0, n) into contiguous chunks of at least `grain` items and runs
// them on the pool plus the calling thread; small n runs inline on the caller (no wake-up cost).
#pragma once
#include <cstdint>
#include <functional>

namespace myelin {

int num_threads();
void set_num_threads(int n);  // n >= 1; takes effect for the next parallel_for

// fn(begin, end) is called for disjoint chunks covering [0, n). Blocks until all are done.
void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

}  // namespace myelin
