// Myelin native backend: how the kernels split work. par_for hands [0, n) to the thread pool
// (threads.h) in chunks of at least `grain` items; small n runs inline. Builds without the pool
// (MYELIN_HAVE_THREADS undefined) run everything on the calling thread. Baseline TUs only.
#pragma once
#include <cstdint>

#if defined(MYELIN_HAVE_THREADS)
#include "threads.h"
#endif

namespace myelin {

template <class F>
inline void par_for(int64_t n, int64_t grain, const F& fn) {
  if (n <= 0) return;
#if defined(MYELIN_HAVE_THREADS)
  if (n > grain && num_threads() > 1) {
    parallel_for(n, grain, fn);
    return;
  }
#else
  (void)grain;
#endif
  fn(int64_t{0}, n);
}

}  // namespace myelin
