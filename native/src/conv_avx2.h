// The AVX2 implicit-GEMM conv2d forward kernels (conv_avx2.cc, built with -mavx2 -mfma), as
// function pointers that are null where that file was built without AVX2 (conv.cc checks the CPU
// and the pointer before calling).
#pragma once
#include <cstdint>

namespace myelin {
// Wide layout: out[o, p] = Σ_k w[o, k] · xs[off[k] + p] for p < block (rows of out ldo apart).
using ConvWideFn = void (*)(int64_t O, int64_t CK, int64_t block, const float* w, const float* xs, const int64_t* off, float* out, int64_t ldo);
ConvWideFn conv_wide_kernel_avx2();
// The same sums written straight into one image's NCHW output y [O, oh·ow] with the bias added in
// the tile's epilogue (no scratch output, no separate bias/compaction pass): tiles run along each
// output row (the last one ends at the row's end; rows under 16 wide are stored masked), so xs
// needs 16 floats of slack past the padded image. `relu`: max(·, 0) in the same epilogue (x <= 0
// gives +0, NaN passes, as relu_forward).
using ConvOutFn = void (*)(int64_t O, int64_t CK, int64_t oh, int64_t ow, int64_t Wp, const float* w, const float* xs, const int64_t* off, const float* bias, bool relu, float* y);
ConvOutFn conv_out_kernel_avx2();
// Weight gradient: dw[o, k] += Σ_{p < P} dy[o·ldy + p] · xs[off[k] + p] for o < O, k < CK (dy in
// the wide layout, 0 in the extra columns; xs the padded image, finite, so 0 · xs stays 0).
using ConvWgradFn = void (*)(int64_t O, int64_t CK, int64_t P, const float* dy, int64_t ldy, const float* xs, const int64_t* off, float* dw);
ConvWgradFn conv_wgrad_kernel_avx2();
}  // namespace myelin
