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

void sgemm(const GemmArgs& g, const float* a, const float* b, float* out);
void dgemm(const GemmArgs& g, const double* a, const double* b, double* out);

// Pre-packed B, for a B used by many products (inference weights): sgemm_packed_size(K, N)
// floats; sgemm_pack_b packs B [K, N] (strides sk, sn) once, in the running kernel's panel layout;
// sgemm_packed computes out [M, N] = A [M, K] (strides sm, sk) · B from it, with the same sums as
// sgemm. A pack is only valid for the kernel that made it (one per process).
int64_t sgemm_packed_size(int64_t K, int64_t N);
void sgemm_pack_b(int64_t K, int64_t N, const float* b, int64_t sk, int64_t sn, float* packed);
void sgemm_packed(int64_t M, int64_t N, int64_t K, const float* a, int64_t sm, int64_t sk, const float* packed, float* out);

}  // namespace myelin
