// Myelin native backend: the GEMM contract (implemented in gemm.cc).
// out[b] = A[b] · B[b] for b in [0, batch), A[b] is M×K, B[b] is K×N, out contiguous [batch, M, N].
// Operands are addressed by element strides, so transposed or batch-broadcast (stride 0) views
// are read directly, never materialised by the caller. Strides are in elements, may be 0, never
// negative (the TypeScript side makes such views contiguous first). Uses the thread pool.
#pragma once
#include <cstdint>

namespace myelin {

struct GemmArgs {
  int64_t batch, M, N, K;
  int64_t a_sb, a_sm, a_sk;  // A strides: batch, row, col
  int64_t b_sb, b_sk, b_sn;  // B strides: batch, row, col
};

// What sgemm / sgemm_packed do to out before returning, on each block by the thread that computed it
// (while it is in cache): out[i, j] += bias[j] when bias is set, then relu (v <= 0 -> 0) when asked.
// Same result, bit for bit, as a separate pass over out after the product.
template <typename T>
struct Epilogue {
  const T* bias;  // N values, or null
  bool relu;
};

void sgemm(const GemmArgs& g, const float* a, const float* b, float* out, const Epilogue<float>* ep = nullptr);
void dgemm(const GemmArgs& g, const double* a, const double* b, double* out);

// Pre-packed B, for a B used by many products (inference weights): sgemm_packed_size(K, N)
// floats; sgemm_pack_b packs B [K, N] (strides sk, sn) once, in the running kernel's panel layout;
// sgemm_packed computes out [M, N] = A [M, K] (strides sm, sk) · B from it, with the same sums as
// sgemm. A pack is only valid for the kernel that made it (one per process).
int64_t sgemm_packed_size(int64_t K, int64_t N);
void sgemm_pack_b(int64_t K, int64_t N, const float* b, int64_t sk, int64_t sn, float* packed);
void sgemm_packed(int64_t M, int64_t N, int64_t K, const float* a, int64_t sm, int64_t sk, const float* packed, float* out,
                  const Epilogue<float>* ep = nullptr);

// Several packed products in a row, as an MLP's linear layers: out = layer[L-1](... layer[0](a)),
// layer l: y = x · B_l (packed by sgemm_pack_b for K_l × N_l, K_{l+1} = N_l), then its epilogue.
// a is [M, K_0] row-major, out [M, N_{L-1}]. Each thread claims chunks of rows (guided: large
// first, smaller as the rows run out) and takes each through every layer, so the intermediates
// stay in its cache and no thread waits for another between layers; every element equals what
// sgemm_packed layer by layer gives.
struct PackedLayer {
  int64_t K, N;
  const float* packed;
  const float* bias;  // N values, or null
  bool relu;
};
void sgemm_packed_chain(int64_t M, const float* a, const PackedLayer* layers, int n_layers, float* out);

}  // namespace myelin
