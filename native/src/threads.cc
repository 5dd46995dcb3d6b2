// Myelin native backend: the persistent thread pool behind parallel_for (contract in threads.h).
//
// Design. The pool owns `size - 1` worker threads; the calling thread is the last participant, so
// a pool of size 1 has no workers at all. A parallel_for publishes one Job (the function, the
// chunk count and an atomic "next chunk" counter), bumps a generation number and wakes the
// workers. Every participant, the caller included, claims chunks with fetch_add until none are
// left, so an unlucky late worker costs nothing: the others simply take its chunks. The caller
// then waits for the "done" counter to reach the chunk count.
//
// Waking is spin-then-sleep: an idle worker polls the generation for ~250 µs (training issues ops
// back to back and an inference loop calls the model again within a fraction of a millisecond, so
// the next job usually arrives within that window and costs no syscall), then sleeps on a
// condition variable. Work that is too small for its grain, a pool of size 1, a call
// made from inside a running job (nested parallelism) and a call that races with another thread's
// parallel_for all run inline on the caller, so they never deadlock and never pay a wake-up.
//
// The pool object is deliberately leaked and its threads detached: at process exit the workers
// are parked on a condition variable that is never destroyed, so static destruction order (Node
// tears down addons late, sometimes from another thread) cannot hang or crash the process.
#include "threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MYELIN_CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define MYELIN_CPU_RELAX() __asm__ __volatile__("yield")
#else
#define MYELIN_CPU_RELAX() ((void)0)
#endif

namespace myelin {
namespace {

constexpr int kMaxThreads = 256;
// How long an idle worker polls before sleeping; MYELIN_SPIN_US overrides (0..100000).
std::chrono::microseconds spin_time() {
  static const std::chrono::microseconds t = [] {
    long us = 250;
    if (const char* env = std::getenv("MYELIN_SPIN_US")) {
      char* end = nullptr;
      long v = std::strtol(env, &end, 10);
      if (end != env && *end == '\0' && v >= 0 && v <= 100000) us = v;
    }
    return std::chrono::microseconds(us);
  }();
  return t;
}

// Cores this process may run on: the affinity mask (containers, taskset) before the raw count.
int detect_cores() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

int initial_size() {
  int n = detect_cores();
  if (const char* env = std::getenv("MYELIN_NUM_THREADS")) {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && v >= 1) n = static_cast<int>(std::min<long>(v, kMaxThreads));
  }
  return std::max(1, std::min(n, kMaxThreads));
}

struct Job {
  const std::function<void(int64_t, int64_t)>* fn = nullptr;
  int64_t n = 0, chunks = 0;
  std::atomic<int64_t> next{0};  // next chunk to claim
  std::atomic<int64_t> done{0};  // chunks finished
  std::mutex err_mu;
  std::exception_ptr error;

  // Chunk c covers [c*n/chunks, (c+1)*n/chunks): contiguous, sizes differ by at most one.
  void run_chunks() {
    for (int64_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      int64_t b = c * n / chunks, e = (c + 1) * n / chunks;
      try {
        (*fn)(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> lk(err_mu);
        if (!error) error = std::current_exception();
      }
      done.fetch_add(1, std::memory_order_release);
    }
  }
};

thread_local bool t_in_job = false;  // set while this thread runs chunks: nested calls go inline

class Pool {
 public:
  explicit Pool(int size) : size_(size) { grow(size - 1); }

  int size() const { return size_.load(std::memory_order_relaxed); }

  void resize(int n) {
    n = std::max(1, std::min(n, kMaxThreads));
    std::lock_guard<std::mutex> busy(run_mu_);  // never resize under a running job
    grow(n - 1);
    size_.store(n, std::memory_order_relaxed);
  }

  void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    if (n <= 0) return;
    grain = std::max<int64_t>(grain, 1);
    int64_t chunks = std::min<int64_t>(size(), n / grain);  // every chunk gets >= grain items
    std::unique_lock<std::mutex> busy(run_mu_, std::defer_lock);
    if (chunks <= 1 || t_in_job || !busy.try_lock()) {
      fn(0, n);
      return;
    }
    Job job;
    job.fn = &fn;
    job.n = n;
    job.chunks = chunks;
    {
      std::lock_guard<std::mutex> lk(mu_);
      job_ = &job;
      // Only the first chunks-1 workers are needed; the caller is the last participant.
      wanted_ = static_cast<int>(chunks - 1);
      generation_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    t_in_job = true;
    job.run_chunks();
    t_in_job = false;
    wait_until([&] { return job.done.load(std::memory_order_acquire) >= chunks; });
    // Unpublish the job, then wait for workers that already took a pointer to it (a late waker
    // finds no chunk left, but must not touch `job` after it goes out of scope).
    {
      std::lock_guard<std::mutex> lk(mu_);
      job_ = nullptr;
    }
    wait_until([&] { return active_.load(std::memory_order_acquire) == 0; });
    if (job.error) std::rethrow_exception(job.error);
  }

 private:
  // Spin on `ready`, yielding the core now and then: with 2 shared cores a descheduled worker
  // must get the CPU back to finish its chunk.
  template <class F>
  static void wait_until(F ready) {
    for (int spins = 0; !ready(); ++spins) {
      if (spins < 4096) MYELIN_CPU_RELAX();
      else std::this_thread::yield();
    }
  }

  void grow(int workers) {
    while (static_cast<int>(threads_) < workers) {
      int id = threads_++;
      std::thread([this, id] { worker(id); }).detach();
    }
  }

  void worker(int id) {
    uint64_t seen = generation_.load(std::memory_order_acquire);
    for (;;) {
      // Spin briefly for the next generation, then sleep on the condition variable.
      auto until = std::chrono::steady_clock::now() + spin_time();
      while (generation_.load(std::memory_order_acquire) == seen &&
             std::chrono::steady_clock::now() < until) {
        for (int i = 0; i < 64; ++i) MYELIN_CPU_RELAX();
      }
      Job* job;
      {
        std::unique_lock<std::mutex> lk(mu_);
        cv_.wait(lk, [&] { return generation_.load(std::memory_order_relaxed) != seen; });
        seen = generation_.load(std::memory_order_relaxed);
        job = (id < wanted_) ? job_ : nullptr;
        if (job) active_.fetch_add(1, std::memory_order_acq_rel);
      }
      if (!job) continue;
      t_in_job = true;
      job->run_chunks();
      t_in_job = false;
      active_.fetch_sub(1, std::memory_order_acq_rel);
    }
  }

  std::atomic<int> size_;
  int threads_ = 0;               // workers started (guarded by run_mu_ after construction)
  std::mutex run_mu_;             // one parallel_for (or resize) at a time
  std::mutex mu_;                 // guards job_, wanted_ and the sleep/wake handshake
  std::condition_variable cv_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> active_{0};    // workers currently holding a pointer to job_
  Job* job_ = nullptr;
  int wanted_ = 0;
};

Pool& pool() {
  static Pool* p = new Pool(initial_size());  // leaked on purpose, see the header comment
  return *p;
}

}  // namespace

int num_threads() { return pool().size(); }

void set_num_threads(int n) { pool().resize(n); }

void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  pool().parallel_for(n, grain, fn);
}

}  // namespace myelin
