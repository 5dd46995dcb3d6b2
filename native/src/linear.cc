// Fused linear layer (contract in fused.h): y = x·wᵀ + b as one GEMM whose epilogue adds the bias
// (and relu) to each tile while it is in cache, and its backward as two GEMMs reading the operands
// through strides (dW comes out in w's [out, in] layout, so nothing is transposed or copied) plus
// one pass for db.
// The GEMMs use the thread pool themselves.
#include <cstddef>
#include <vector>

#include "fused.h"
#include "gemm.h"

namespace myelin {


void linear_forward(int64_t M, int64_t K, int64_t N, const float* x, const float* w, const float* bias, float* y, bool relu) {
  // y [M,N] = x [M,K] · wᵀ, w stored [N,K]
  const Epilogue<float> ep{bias, relu};
  sgemm(GemmArgs{1, M, N, K, 0, K, 1, 0, 1, K}, x, w, y, &ep);
}

void linear_forward_packed(int64_t M, int64_t K, int64_t N, const float* x, const float* packed, const float* bias, float* y, bool relu) {
  const Epilogue<float> ep{bias, relu};
  sgemm_packed(M, N, K, x, K, 1, packed, y, &ep);
}

void linear_backward(int64_t M, int64_t K, int64_t N, const float* x, const float* w, const float* dy, float* dx, float* dw, float* db) {
  if (dx) sgemm(GemmArgs{1, M, K, N, 0, N, 1, 0, K, 1}, dy, w, dx);   // dx [M,K] = dy [M,N] · w [N,K]
  if (dw) sgemm(GemmArgs{1, N, K, M, 0, 1, N, 0, K, 1}, dy, x, dw);   // dw [N,K] = dyᵀ [N,M] · x [M,K]
  if (db) {
    // column sums in double, like the reference's reductions
    std::vector<double> acc(static_cast<size_t>(N), 0.0);
    for (int64_t m = 0; m < M; m++) for (int64_t n = 0; n < N; n++) acc[static_cast<size_t>(n)] += dy[m * N + n];
    for (int64_t n = 0; n < N; n++) db[n] = static_cast<float>(acc[static_cast<size_t>(n)]);
  }
}

}  // namespace myelin
