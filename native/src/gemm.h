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

}  // namespace myelin
