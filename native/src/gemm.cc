// Myelin native backend: the GEMM driver (contract in gemm.h). Compiled with baseline flags; the
// arithmetic happens in the per-ISA kernel files behind gemm_kernels.h, chosen once at first use.
//
// Algorithm (BLIS/GotoBLAS). For each thread's share of C, and per batch item:
//   for jc over N in blocks of nc:            B block  kc × nc  -> packed once, lives in L3
//     for pc over K in blocks of kc:
//       pack B[pc:pc+kc, jc:jc+nc] into NR-wide panels (or read it in place, see below)
//       for ic over M in blocks of mc:        A block  mc × kc  -> packed, lives in L2
//         pack A[ic:ic+mc, pc:pc+kc] into MR-tall panels
//         for jr over the B block in steps of NR:     the B panel (kc × NR) stays in L1
//           for ir over the A block in steps of MR:   A panels (MR × kc) stream from L2
//             C[MR × NR] (=|+=) A panel · B panel     (the register tile, gemm_tile.h)
// The panel that streams from L2 is the A panel because MR < NR: fewer bytes per tile.
// The first K block overwrites C (beta = 0) and later ones accumulate, so C is touched once per
// K block. Packing reads A and B through their element strides, so every transpose combination
// costs one strided pass over each operand and the tile always reads contiguous panels.
// Skinny M: when one A panel covers this thread's share of M and B is row-major, each B element
// is used once, so the tile reads B in place; with a single M block B is packed a group of panels
// at a time into an L2-sized buffer right before use (see gemm_region).
// Edges: an M tail runs a tile kernel instantiated for fewer rows; an N tail runs the full-width
// tile into a scratch tile (its B panel is zero-padded) and copies the valid columns out.
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "gemm_kernels.h"
#include "threads.h"

namespace myelin {
namespace gemm {
namespace {

constexpr double kMinMacsPerThread = 65536;  // below this per thread, waking one costs more
constexpr double kPackCost = 4;              // one packed element ≈ this many MACs (split choice)
constexpr int64_t kGroupBytes = 512;         // B packing width per row pass (see gemm_region)

// Per-thread packing scratch, grown on demand and 64-byte aligned (cache-line and zmm aligned).
class Scratch {
 public:
  ~Scratch() { release(); }
  void* get(size_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
    if (bytes != cap_) release();  // exact size, so AddressSanitizer sees any overrun
#endif
    if (bytes > cap_) {
      release();
      p_ = ::operator new(bytes, std::align_val_t(64));
      cap_ = bytes;
    }
    return p_;
  }

 private:
  void release() {
    if (p_) ::operator delete(p_, std::align_val_t(64));
    p_ = nullptr;
    cap_ = 0;
  }
  void* p_ = nullptr;
  size_t cap_ = 0;
};
thread_local Scratch t_scratch;

inline int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
inline int64_t round_up(int64_t a, int64_t b) { return ceil_div(a, b) * b; }

// Block size for a loop of length n with at most `cap` per block, equalised across the blocks
// (so 1024 with cap 320 gives 4 × 256, not 3 × 320 + 64) and rounded up to a multiple of `unit`.
inline int64_t balanced(int64_t n, int64_t cap, int64_t unit) {
  return round_up(ceil_div(n, ceil_div(n, cap)), unit);
}

// One operand view of a single batch item.
template <typename T>
struct View {
  const T* p;
  int64_t s0, s1;  // element strides: A (row, col) = (sm, sk); B (row, col) = (sk, sn)
};

// The epilogue of a finished block of C: c[i, j] += bias[j] (when bias is set), then relu (v <= 0
// -> 0, as fused.h's relu1) when asked. Run by the thread that computed the block, on the tile it
// has just written (still in L1), after its last K block, so the sums are sgemm's and the bias and
// relu are added in the same order as a separate pass over C would.
template <typename T>
inline void apply_epilogue(const Epilogue<T>& ep, int64_t m, int64_t n, T* cp, int64_t ldc, int64_t col) {
  const T* bias = ep.bias ? ep.bias + col : nullptr;
  for (int64_t i = 0; i < m; ++i) {
    T* c = cp + i * ldc;
    if (bias && ep.relu) for (int64_t j = 0; j < n; ++j) { const T v = c[j] + bias[j]; c[j] = v <= T(0) ? T(0) : v; }
    else if (bias) for (int64_t j = 0; j < n; ++j) c[j] += bias[j];
    else if (ep.relu) for (int64_t j = 0; j < n; ++j) c[j] = c[j] <= T(0) ? T(0) : c[j];
  }
}

// C = 0 for an empty sum (K = 0), then the epilogue: rows × n, contiguous with row stride n.
template <typename T>
inline void empty_sum(const Epilogue<T>* ep, int64_t rows, int64_t n, T* c) {
  std::fill(c, c + rows * n, T(0));
  if (ep) apply_epilogue(*ep, rows, n, c, n, 0);
}

// One m × n block of C (m <= MR) from a packed A panel and a B panel read with row stride ldb:
// straight into C when n = NR, else (the N tail) a full-width tile into scratch (its B panel is
// zero-padded) whose extra columns are dropped. `ep` (the last K block only) then finishes it;
// `col` is its first column in C.
template <typename T>
inline void tile_or_tail(const Kernel<T>& kr, int m, int64_t kc, const T* ap, const T* bp, int64_t ldb, T* cp, int64_t ldc,
                         bool acc, int64_t n, T* tmp, const Epilogue<T>* ep, int64_t col) {
  if (n == kr.nr) {
    kr.tile(m, kc, ap, bp, ldb, cp, ldc, acc);
  } else {
    kr.tile(m, kc, ap, bp, ldb, tmp, kr.nr, false);
    for (int i = 0; i < m; ++i) {
      if (acc) for (int64_t j = 0; j < n; ++j) cp[i * ldc + j] += tmp[i * kr.nr + j];
      else std::memcpy(cp + i * ldc, tmp + i * kr.nr, sizeof(T) * n);
    }
  }
  if (ep) apply_epilogue(*ep, m, n, cp, ldc, col);
}

// C[m0:m1, n0:n1] = A[m0:m1, :] · B[:, n0:n1], C row-major with row stride ldc.
template <typename T>
void gemm_region(const Kernel<T>& kr, int64_t K, View<T> A, View<T> B, T* C, int64_t ldc,
                 int64_t m0, int64_t m1, int64_t n0, int64_t n1, const Epilogue<T>* ep) {
  const int MR = kr.mr, NR = kr.nr;
  const int64_t kcb = balanced(K, kr.kc, 1);
  const int64_t mcb = balanced(m1 - m0, kr.mc, MR);
  const int64_t ncb = balanced(n1 - n0, kr.nc, NR);
  // Read B in place when one A panel covers this M range (each B element is used once, so
  // packing would double the traffic), unless B's rows alias in the caches (stride a multiple
  // of 2 KB: the kc rows of a panel then compete for a few cache sets).
  const bool direct_b = B.s1 == 1 && m1 - m0 <= MR && (B.s0 * int64_t(sizeof(T))) % 2048 != 0;
  // With a single M block each B panel is used by one sweep of A panels only, so B is packed a
  // group of panels at a time just before their sweep, into an L2-sized buffer, instead of into
  // a whole L3-sized block first.
  const bool group_b = !direct_b && m1 - m0 <= mcb;
  // Packing walks B row by row across a group of panels: kGroupBytes of each row at a time keeps
  // reads sequential without touching too many pages per row.
  const int64_t group = std::max<int64_t>(1, kGroupBytes / (NR * int64_t(sizeof(T)))) * NR;

  // Scratch: the A block (+ slack for pack_a's 8-wide spill), the B block or group, one tile.
  const int64_t a_elems = round_up(mcb * kcb + 16, 16);
  const int64_t b_elems = (direct_b ? NR : group_b ? std::min(group, ncb) : ncb) * kcb;
  T* ap_block = static_cast<T*>(t_scratch.get(sizeof(T) * (a_elems + b_elems + MR * NR)));
  T* bp_block = ap_block + a_elems;
  T* tmp = bp_block + b_elems;

  for (int64_t jc = n0; jc < n1; jc += ncb) {
    const int64_t nc = std::min(ncb, n1 - jc);
    const int64_t n_full = nc / NR * NR;  // columns covered by full-width panels
    for (int64_t pc = 0; pc < K; pc += kcb) {
      const int64_t kc = std::min(kcb, K - pc);
      const bool acc = pc > 0;
      const Epilogue<T>* last = pc + kc >= K ? ep : nullptr;
      const T* bsrc = B.p + pc * B.s0 + jc * B.s1;
      if (direct_b) {  // only the partial last panel needs packing (zero-padded)
        if (n_full < nc) kr.pack_b(int(nc - n_full), kc, bsrc + n_full, B.s0, B.s1, bp_block);
      } else if (!group_b) {
        for (int64_t jg = 0; jg < nc; jg += group)
          kr.pack_b(int(std::min(group, nc - jg)), kc, bsrc + jg * B.s1, B.s0, B.s1,
                    bp_block + jg * kc);
      }
      for (int64_t ic = m0; ic < m1; ic += mcb) {
        const int64_t mc = std::min(mcb, m1 - ic);
        for (int64_t ir = 0; ir < mc; ir += MR)
          kr.pack_a(int(std::min<int64_t>(MR, mc - ir)), kc, A.p + (ic + ir) * A.s0 + pc * A.s1,
                    A.s0, A.s1, ap_block + ir * kc);
        int64_t b_first = 0;  // first column held in bp_block
        for (int64_t jr = 0; jr < nc; jr += NR) {
          if (group_b && jr % group == 0) {
            kr.pack_b(int(std::min(group, nc - jr)), kc, bsrc + jr * B.s1, B.s0, B.s1, bp_block);
            b_first = jr;
          }
          const bool full = jr < n_full;
          const T* bp = direct_b ? (full ? bsrc + jr : bp_block) : bp_block + (jr - b_first) * kc;
          const int64_t ldb = direct_b && full ? B.s0 : NR;
          for (int64_t ir = 0; ir < mc; ir += MR) {
            const int m = int(std::min<int64_t>(MR, mc - ir));
            const T* ap = ap_block + ir * kc;
            T* cp = C + (ic + ir) * ldc + jc + jr;
            tile_or_tail(kr, m, kc, ap, bp, ldb, cp, ldc, acc, full ? NR : nc - n_full, tmp, last, jc + jr);
          }
        }
      }
    }
  }
}

// C[m0:m1, :] = A[m0:m1, :] · B for a B packed in advance as full-K panels (panel j, columns
// j·NR.., at bp + j·K·NR; its kc-row slice at pc is contiguous with row stride NR). Same K
// blocking as gemm_region, so every element is summed in the same order as sgemm's.
template <typename T>
void gemm_rows_packed_b(const Kernel<T>& kr, int64_t K, int64_t N, View<T> A, const T* bp, T* C, int64_t m0, int64_t m1,
                        const Epilogue<T>* ep) {
  if (K <= 0) {
    empty_sum(ep, m1 - m0, N, C + m0 * N);
    return;
  }
  const int MR = kr.mr, NR = kr.nr;
  const int64_t kcb = balanced(K, kr.kc, 1), mcb = balanced(m1 - m0, kr.mc, MR);
  const int64_t a_elems = round_up(mcb * kcb + 16, 16);
  T* ap_block = static_cast<T*>(t_scratch.get(sizeof(T) * (a_elems + MR * NR)));
  T* tmp = ap_block + a_elems;
  for (int64_t pc = 0; pc < K; pc += kcb) {
    const int64_t kc = std::min(kcb, K - pc);
    for (int64_t ic = m0; ic < m1; ic += mcb) {
      const int64_t mc = std::min(mcb, m1 - ic);
      for (int64_t ir = 0; ir < mc; ir += MR)
        kr.pack_a(int(std::min<int64_t>(MR, mc - ir)), kc, A.p + (ic + ir) * A.s0 + pc * A.s1, A.s0, A.s1, ap_block + ir * kc);
      for (int64_t jr = 0; jr < N; jr += NR) {
        const T* b = bp + (jr / NR) * K * NR + pc * NR;
        for (int64_t ir = 0; ir < mc; ir += MR)
          tile_or_tail(kr, int(std::min<int64_t>(MR, mc - ir)), kc, ap_block + ir * kc, b, NR, C + (ic + ir) * N + jr, N, pc > 0,
                       std::min<int64_t>(NR, N - jr), tmp, pc + kc >= K ? ep : nullptr, jr);
      }
    }
  }
}

template <typename T>
void gemm_impl(const Kernel<T>& kr, const GemmArgs& g, const T* a, const T* b, T* out, const Epilogue<T>* ep = nullptr) {
  const int64_t M = g.M, N = g.N, K = g.K, batch = g.batch;
  if (batch <= 0 || M <= 0 || N <= 0) return;
  if (K <= 0) {
    empty_sum(ep, batch * M, N, out);
    return;
  }
  auto item = [&](int64_t bi, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
    View<T> A{a + bi * g.a_sb, g.a_sm, g.a_sk}, B{b + bi * g.b_sb, g.b_sk, g.b_sn};
    gemm_region(kr, K, A, B, out + bi * M * N, N, m0, m1, n0, n1, ep);
  };

  // How many threads the work deserves: each must get at least kMinMacsPerThread.
  const double macs = double(M) * double(N) * double(K);
  const int64_t nt = std::min<int64_t>(num_threads(), int64_t(macs * batch / kMinMacsPerThread));
  if (nt <= 1) {
    for (int64_t bi = 0; bi < batch; ++bi) item(bi, 0, M, 0, N);
    return;
  }
  // Many batch items: whole items per thread (no duplicated packing, no split edges).
  if (batch >= nt && (batch % nt == 0 || batch >= 4 * nt)) {
    parallel_for(batch, 1, [&](int64_t b0, int64_t b1) {
      for (int64_t bi = b0; bi < b1; ++bi) item(bi, 0, M, 0, N);
    });
    return;
  }
  // Otherwise split M or N into nt ranges of whole tiles. The cost of a split is the busiest
  // thread's padded tile work plus the operand every thread must pack for itself (B when M is
  // split, A when N is split), so skinny shapes split the dimension that balances better.
  const int64_t mb = ceil_div(M, kr.mr), nb = ceil_div(N, kr.nr);
  const double cost_m = double(ceil_div(mb, nt) * kr.mr) * N * K + kPackCost * double(K) * N;
  const double cost_n = double(ceil_div(nb, nt) * kr.nr) * M * K + kPackCost * double(K) * M;
  const bool split_m = cost_m < cost_n;
  const int64_t blocks = split_m ? mb : nb, unit = split_m ? kr.mr : kr.nr;
  const int64_t parts = std::min(nt, blocks);
  parallel_for(parts, 1, [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) {
      const int64_t lo = p * blocks / parts * unit;
      const int64_t hi = std::min((p + 1) * blocks / parts * unit, split_m ? M : N);
      for (int64_t bi = 0; bi < batch; ++bi) {
        if (split_m) item(bi, lo, hi, 0, N);
        else item(bi, 0, M, lo, hi);
      }
    }
  });
}

// The best kernel this CPU runs; MYELIN_GEMM_KERNEL=avx512|avx2|generic picks a lower one.
template <typename T>
const Kernel<T>* choose(const Kernel<T>* k512, const Kernel<T>* k2, const Kernel<T>* kg) {
  bool has512 = false, has2 = false;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  has512 = k512 && __builtin_cpu_supports("avx512f");
  has2 = k2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
  const char* want = std::getenv("MYELIN_GEMM_KERNEL");
  if (want && std::strcmp(want, "generic") == 0) return kg;
  if (want && std::strcmp(want, "avx2") == 0 && has2) return k2;
  return has512 ? k512 : has2 ? k2 : kg;
}

}  // namespace

const Kernel<float>& sgemm_kernel() {
  static const Kernel<float>* k =
      choose(sgemm_kernel_avx512(), sgemm_kernel_avx2(), sgemm_kernel_generic());
  return *k;
}

const Kernel<double>& dgemm_kernel() {
  static const Kernel<double>* k =
      choose(dgemm_kernel_avx512(), dgemm_kernel_avx2(), dgemm_kernel_generic());
  return *k;
}

void sgemm_with(const Kernel<float>& k, const GemmArgs& g, const float* a, const float* b,
                float* out) {
  gemm_impl(k, g, a, b, out);
}

void dgemm_with(const Kernel<double>& k, const GemmArgs& g, const double* a, const double* b,
                double* out) {
  gemm_impl(k, g, a, b, out);
}

}  // namespace gemm

void sgemm(const GemmArgs& g, const float* a, const float* b, float* out, const Epilogue<float>* ep) {
  gemm::gemm_impl(gemm::sgemm_kernel(), g, a, b, out, ep);
}

void dgemm(const GemmArgs& g, const double* a, const double* b, double* out) {
  gemm::gemm_impl(gemm::dgemm_kernel(), g, a, b, out);
}

int64_t sgemm_packed_size(int64_t K, int64_t N) {
  const int64_t nr = gemm::sgemm_kernel().nr;
  return (N + nr - 1) / nr * nr * K;
}

void sgemm_pack_b(int64_t K, int64_t N, const float* b, int64_t sk, int64_t sn, float* packed) {
  const auto& kr = gemm::sgemm_kernel();
  const int64_t panels = (N + kr.nr - 1) / kr.nr;
  parallel_for(panels, 4, [&](int64_t j0, int64_t j1) {
    for (int64_t j = j0; j < j1; ++j) kr.pack_b(int(std::min<int64_t>(kr.nr, N - j * kr.nr)), K, b + j * kr.nr * sn, sk, sn, packed + j * K * kr.nr);
  });
}

void sgemm_packed(int64_t M, int64_t N, int64_t K, const float* a, int64_t sm, int64_t sk, const float* packed, float* out,
                  const Epilogue<float>* ep) {
  const auto& kr = gemm::sgemm_kernel();
  if (M <= 0 || N <= 0) return;
  // one range of row blocks per thread (as gemm_impl sizes its threads): B is packed already, so a
  // thread packs nothing but its own rows of A
  const int64_t mb = (M + kr.mr - 1) / kr.mr;
  const double macs = double(M) * double(N) * double(K);
  const int64_t nt = std::min<int64_t>(num_threads(), int64_t(macs / gemm::kMinMacsPerThread));
  const gemm::View<float> A{a, sm, sk};
  auto rows = [&](int64_t r0, int64_t r1) { gemm::gemm_rows_packed_b(kr, K, N, A, packed, out, r0 * kr.mr, std::min(M, r1 * kr.mr), ep); };
  if (nt <= 1) rows(0, mb);
  else parallel_for(mb, std::max<int64_t>(1, mb / nt), rows);  // about nt chunks
}

void sgemm_packed_chain(int64_t M, const float* a, const PackedLayer* layers, int n_layers, float* out) {
  const auto& kr = gemm::sgemm_kernel();
  if (M <= 0 || n_layers <= 0) return;
  double macs_per_row = 0;
  int64_t widest = 0;  // the widest intermediate (all but the last layer's output)
  for (int l = 0; l < n_layers; ++l) {
    macs_per_row += double(layers[l].K) * double(layers[l].N);
    if (l + 1 < n_layers) widest = std::max(widest, layers[l].N);
  }
  const int64_t min_rows = 2 * kr.mr, cap = gemm::round_up(kr.mc, kr.mr);
  // threads: each gets kMinMacsPerThread of work and at least one chunk of min_rows
  const int64_t nt = std::max<int64_t>(1, std::min<int64_t>({int64_t(num_threads()), int64_t(macs_per_row * double(M) / gemm::kMinMacsPerThread),
                                                             gemm::ceil_div(M, min_rows)}));
  // Rows are claimed in chunks of whole tiles from a shared counter, each chunk a share of what
  // is left (guided scheduling: large chunks first, then smaller ones down to two tiles), so the
  // threads finish together even when one of them falls behind (a busy core). A chunk is at most
  // one M block of the GEMM (mc rows), which bounds the intermediates' scratch.
  auto share = [&](int64_t left) {
    if (nt == 1) return std::min(cap, left);
    return std::min(cap, std::max(min_rows, gemm::round_up(gemm::ceil_div(left, 2 * nt), kr.mr)));
  };
  const int64_t biggest = std::min(M, share(M));
  std::atomic<int64_t> next{0};
  auto claim = [&](int64_t* r0, int64_t* m) {
    int64_t r = next.load(std::memory_order_relaxed);
    for (;;) {
      if (r >= M) return false;
      const int64_t take = std::min(share(M - r), M - r);
      if (next.compare_exchange_weak(r, r + take, std::memory_order_relaxed)) {
        *r0 = r;
        *m = take;
        return true;
      }
    }
  };
  auto worker = [&](int64_t, int64_t) {
    thread_local std::vector<float> hidden;  // two intermediates of one chunk, ping-ponged
    if (n_layers > 1 && hidden.size() < size_t(2 * biggest * widest)) hidden.resize(size_t(2 * biggest * widest));
    int64_t r0, m;
    while (claim(&r0, &m)) {
      const float* in = a + r0 * layers[0].K;
      for (int l = 0; l < n_layers; ++l) {
        const PackedLayer& L = layers[l];
        float* dst = l + 1 == n_layers ? out + r0 * L.N : hidden.data() + (l % 2) * biggest * widest;
        const Epilogue<float> ep{L.bias, L.relu};
        const bool has_ep = L.bias != nullptr || L.relu;
        gemm::gemm_rows_packed_b(kr, L.K, L.N, gemm::View<float>{in, L.K, 1}, L.packed, dst, 0, m, has_ep ? &ep : nullptr);
        in = dst;
      }
    }
  };
  if (nt == 1) worker(0, 1);
  else parallel_for(nt, 1, worker);
}

}  // namespace myelin
