// glibc malloc settings for a process that makes a fresh multi-megabyte array per op result.
//
// Every op result is a new ArrayBuffer, freed by V8's collector a little later. By default glibc
// serves blocks over 128 KB (raised dynamically up to 32 MB as such blocks are freed) with mmap
// and trims the heap top above twice that, so the next result of the same size lands in fresh
// pages: one page fault and a kernel page clear per 4 KB, taken on the op's own thread while the
// mm lock serialises the pool's threads. LeNet-5 inference at batch 256 made ~650 faults a call
// (perf stat) and spent ~11% of its time in the kernel; with both thresholds fixed high, freed
// blocks are reused from the heap and the mean call fell 7.8 -> 7.3 ms (1 thread) and
// 5.9-6.6 -> 4.6-5.0 ms (2 threads). Both values must be set together: fixing the trim
// threshold alone also freezes the mmap threshold at 128 KB (glibc turns off the dynamic
// adjustment), which was 2x slower.
//
// Cost: up to kTrim bytes of freed heap stay with the process instead of returning to the OS.
// MYELIN_MALLOC_TUNING=0 leaves malloc as it is. Elsewhere than glibc this does nothing.
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace myelin {

const char* tune_malloc() {
#if defined(__GLIBC__)
  const char* env = std::getenv("MYELIN_MALLOC_TUNING");
  if (env && std::strcmp(env, "0") == 0) return "default (MYELIN_MALLOC_TUNING=0)";
  constexpr int kMmap = 32 << 20;   // glibc's ceiling for the dynamic threshold on 64-bit
  constexpr int kTrim = 256 << 20;
  if (mallopt(M_MMAP_THRESHOLD, kMmap) == 1 && mallopt(M_TRIM_THRESHOLD, kTrim) == 1) return "glibc: mmap threshold 32 MB, trim threshold 256 MB";
  return "default (mallopt refused)";
#else
  return "default (not glibc)";
#endif
}

}  // namespace myelin
