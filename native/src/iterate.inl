// Strided iteration helpers, included inside a namespace by each translation unit that needs
// them (so every instruction-set variant owns its copy and no inline code is shared across -m
// flags). Needs common.h. The pattern is the reference backend's: walk all dims but the last
// with a counter, and hand the last dim to a tight loop.

// Calls seg(off, inner, n) for the part [begin, end) of p's row-major flat order, one call per
// run along the last dim: off[k] is operand k's element offset from p.base[k] at the run's start,
// inner[k] its stride along the run, n the run's length.
template <class Seg>
static inline void walk_plan(const Plan& p, int64_t begin, int64_t end, Seg seg) {
  if (begin >= end) return;
  int64_t off[kMaxOperands] = {0, 0, 0, 0};
  int64_t inner[kMaxOperands] = {0, 0, 0, 0};
  const int nd = p.ndim;
  if (nd == 0) {
    seg(off, inner, (int64_t)1);
    return;
  }
  const int64_t len = p.shape[nd - 1];
  int64_t idx[kMaxDims];
  int64_t row = begin / len;
  int64_t col = begin % len;
  for (int d = nd - 2; d >= 0; d--) {
    idx[d] = row % p.shape[d];
    row /= p.shape[d];
  }
  for (int k = 0; k < p.nops; k++) {
    inner[k] = p.strides[k][nd - 1];
    int64_t o = col * inner[k];
    for (int d = 0; d < nd - 1; d++) o += idx[d] * p.strides[k][d];
    off[k] = o;
  }
  int64_t remaining = end - begin;
  for (;;) {
    int64_t n = len - col;
    if (n > remaining) n = remaining;
    seg(off, inner, n);
    remaining -= n;
    if (remaining <= 0) return;
    for (int k = 0; k < p.nops; k++) off[k] -= col * inner[k];
    col = 0;
    for (int d = nd - 2; d >= 0; d--) {
      idx[d]++;
      for (int k = 0; k < p.nops; k++) off[k] += p.strides[k][d];
      if (idx[d] < p.shape[d]) break;
      for (int k = 0; k < p.nops; k++) off[k] -= p.strides[k][d] * p.shape[d];
      idx[d] = 0;
    }
  }
}

// A row-major counter over `nd` dims of `shape` that tracks one strided offset.
struct Counter {
  int nd;
  const int64_t* shape;
  const int64_t* strides;
  int64_t idx[kMaxDims];
  int64_t off;
};

static inline void counter_start(Counter& c, int nd, const int64_t* shape, const int64_t* strides, int64_t flat) {
  c.nd = nd;
  c.shape = shape;
  c.strides = strides;
  c.off = 0;
  for (int d = nd - 1; d >= 0; d--) {
    c.idx[d] = flat % shape[d];
    flat /= shape[d];
    c.off += c.idx[d] * strides[d];
  }
}

static inline void counter_next(Counter& c) {
  for (int d = c.nd - 1; d >= 0; d--) {
    c.idx[d]++;
    c.off += c.strides[d];
    if (c.idx[d] < c.shape[d]) return;
    c.off -= c.strides[d] * c.shape[d];
    c.idx[d] = 0;
  }
}
