// Max pooling over a range of (n, c) planes (contract: fused.h, maxpool2d_forward). Included by
// fused.cc inside an anonymous namespace (kept apart so it could be built per ISA like
// simd_kernels.inl; today it is not: see fused.cc). fused.cc splits the planes over threads.

// The windows oy, ox in [lo, hi) of one output row, whose taps all lie inside the plane, tap by
// tap across the row (no bounds checks, select instead of branches, so it vectorises). First
// maximum wins; the first NaN wins over everything. yb/ib are the output row (ib unused without
// indices: values only, for inference).
template <class T, int SW, bool IDX>
static void pool_row_inside(const ConvGeom& g, const T* xp, int64_t iy0, int64_t lo, int64_t hi, T* yb, int32_t* ib) {
  // SW > 0: the column stride as a constant (so the strided loads vectorise); 0: g.sw at run time
  const int32_t sw = SW > 0 ? SW : static_cast<int32_t>(g.sw);
  const int32_t start = static_cast<int32_t>(iy0 * g.W - g.pw);
  const T* r0 = xp + start;
  for (int64_t ox = lo; ox < hi; ox++) {
    yb[ox] = r0[ox * sw];
    if (IDX) ib[ox] = start + static_cast<int32_t>(ox) * sw;
  }
  for (int64_t ki = 0; ki < g.kh; ki++) {
    for (int64_t kj = ki == 0 ? 1 : 0; kj < g.kw; kj++) {
      const int32_t off = static_cast<int32_t>(ki * g.dh * g.W + kj * g.dw);
      const T* __restrict r = r0 + off;
      T* __restrict yr = yb;
      int32_t* __restrict ir = ib;
      for (int64_t ox = lo; ox < hi; ox++) {
        const T v = r[ox * sw], b = yr[ox];
        const bool take = !(v <= b) & (b == b);
        yr[ox] = take ? v : b;
        if (IDX) {
          const int32_t cand = start + static_cast<int32_t>(ox) * sw + off, cur = ir[ox];
          ir[ox] = take ? cand : cur;
        }
      }
    }
  }
}

// Values only, 2x2 windows at stride 2 with no padding or dilation and even H, W: the input is
// then a run of row pairs, each giving one output row. Per chunk of row pairs, the horizontal pair
// maxima of whole rows first (one long loop), then the vertical max of each pair's two halves.
// Taps are combined as ((t0, t1), (t2, t3)), the left operand always the earlier tap, so "first
// maximum wins, first NaN wins" gives the same value (and the same zero sign) as tap order.
template <class T>
static void pool2x2_values(const T* __restrict x, T* __restrict y, int64_t W, int64_t p0, int64_t p1) {
  constexpr int64_t kChunk = 2048;  // h values per chunk (8 KB of floats, stays in L1)
  const int64_t ow = W / 2, per = kChunk / W > 0 ? kChunk / W : 1;
  T hp[kChunk];  // the caller checked W <= kChunk
  for (int64_t a = p0; a < p1; a += per) {
    const int64_t b = a + per < p1 ? a + per : p1;
    const T* __restrict xs = x + a * 2 * W;
    const int64_t n = (b - a) * W;  // h values: two input rows per pair, halved
    for (int64_t k = 0; k < n; k++) {
      const T u = xs[2 * k], v = xs[2 * k + 1];
      hp[k] = !(v <= u) & (u == u) ? v : u;
    }
    for (int64_t p = a; p < b; p++) {
      const T* __restrict top = hp + (p - a) * W;
      const T* __restrict bot = top + ow;
      T* __restrict yr = y + p * ow;
      for (int64_t j = 0; j < ow; j++) {
        const T u = top[j], v = bot[j];
        yr[j] = !(v <= u) & (u == u) ? v : u;
      }
    }
  }
}

// The same 2x2 / stride 2 windows with the index of each maximum (training): per output, the
// two horizontal pairs, then the vertical pair, the same selection rule and order as above, so
// values and indices equal the general loop's. p indexes row pairs across all planes; its plane
// row is p % (H/2).
template <class T>
static void pool2x2_indexed(const T* __restrict x, T* __restrict y, int32_t* __restrict idx, int64_t H, int64_t W, int64_t p0, int64_t p1) {
  const int64_t ow = W / 2, half = H / 2;
  for (int64_t p = p0; p < p1; p++) {
    const T* __restrict top = x + p * 2 * W;
    const T* __restrict bot = top + W;
    const int32_t base = static_cast<int32_t>((p % half) * 2 * W);
    T* __restrict yr = y + p * ow;
    int32_t* __restrict ir = idx + p * ow;
    for (int64_t j = 0; j < ow; j++) {
      const T a = top[2 * j], b = top[2 * j + 1], c = bot[2 * j], d = bot[2 * j + 1];
      const bool tb = !(b <= a) & (a == a), td = !(d <= c) & (c == c);
      const T h0 = tb ? b : a, h1 = td ? d : c;
      const int32_t i0 = base + static_cast<int32_t>(2 * j) + tb, i1 = base + static_cast<int32_t>(W + 2 * j) + td;
      const bool tv = !(h1 <= h0) & (h0 == h0);
      yr[j] = tv ? h1 : h0;
      ir[j] = tv ? i1 : i0;
    }
  }
}

template <class T, bool IDX>
static void pool_planes(const ConvGeom& g, const T* x, T* y, int32_t* idx, int64_t b, int64_t e) {
  const int64_t L = g.oh * g.ow, HW = g.H * g.W;
  // output columns whose windows lie inside the input horizontally: [lo, hi)
  const int64_t lo = g.ow < (g.pw + g.sw - 1) / g.sw ? g.ow : (g.pw + g.sw - 1) / g.sw;
  const int64_t last = g.W - 1 + g.pw - (g.kw - 1) * g.dw;
  int64_t hi = lo;
  if (last >= 0) {
    hi = last / g.sw + 1 < g.ow ? last / g.sw + 1 : g.ow;
    if (hi < lo) hi = lo;
  }
  if (g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.dh == 1 && g.dw == 1 && g.ph == 0 && g.pw == 0 &&
      g.H % 2 == 0 && g.W % 2 == 0 && g.W <= 2048) {
    if (IDX) pool2x2_indexed(x, y, idx, g.H, g.W, b * (g.H / 2), e * (g.H / 2));
    else pool2x2_values(x, y, g.W, b * (g.H / 2), e * (g.H / 2));
    return;
  }
  for (int64_t nc = b; nc < e; nc++) {
    const T* xp = x + nc * HW;
    T* yp = y + nc * L;
    int32_t* ip = IDX ? idx + nc * L : nullptr;
    for (int64_t oy = 0; oy < g.oh; oy++) {
      const int64_t iy0 = oy * g.sh - g.ph;
      const bool rows_in = iy0 >= 0 && iy0 + (g.kh - 1) * g.dh < g.H;
      T* yb = yp + oy * g.ow;
      int32_t* ib = IDX ? ip + oy * g.ow : nullptr;
      if (rows_in) {
        if (g.sw == 1) pool_row_inside<T, 1, IDX>(g, xp, iy0, lo, hi, yb, ib);
        else if (g.sw == 2) pool_row_inside<T, 2, IDX>(g, xp, iy0, lo, hi, yb, ib);
        else pool_row_inside<T, 0, IDX>(g, xp, iy0, lo, hi, yb, ib);
      }
      for (int64_t ox = 0; ox < g.ow; ox++) {
        if (rows_in && ox == lo) ox = hi;  // done above
        if (ox >= g.ow) break;
        const int64_t ix0 = ox * g.sw - g.pw;
        // taps in (ki, kj) order, out-of-input ones as -inf at index -1: argmax's rule
        T best = 0;
        int64_t at = -2;
        for (int64_t ki = 0; ki < g.kh; ki++) {
          const int64_t iy = iy0 + ki * g.dh;
          for (int64_t kj = 0; kj < g.kw; kj++) {
            const int64_t ix = ix0 + kj * g.dw;
            const bool in = iy >= 0 && iy < g.H && ix >= 0 && ix < g.W;
            const T v = in ? xp[iy * g.W + ix] : -static_cast<T>(INFINITY);
            if (at == -2 || (!(best != best) && (v > best || v != v))) {
              best = v;
              at = in ? iy * g.W + ix : -1;
            }
          }
        }
        yb[ox] = best;
        if (IDX) ib[ox] = static_cast<int32_t>(at);
      }
    }
  }
}
