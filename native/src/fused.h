// Fused CPU kernels for hot composites (conv.cc, linear.cc, fused.cc): conv2d and linear forward/backward, max pooling
// forward/backward, relu forward/backward and softmax cross-entropy forward/backward. Each one
// replaces a chain of primitives on the native backend; the composite stays the reference
// (src/ops/composite/..., tests compare the two). Arrays are contiguous; the binding
// (fused_addon.cc) checks every length against the geometry before calling.
#pragma once
#include <cstdint>

namespace myelin {

// NCHW window geometry; oh/ow are derived by the binding, never taken from the caller.
struct ConvGeom {
  int64_t N, C, H, W;     // input
  int64_t O;              // output channels (conv) / unused (pool)
  int64_t kh, kw, sh, sw, ph, pw, dh, dw;
  int64_t oh, ow;         // output size
};

// x <= 0 ? +0 : x (NaN passes): relu_forward's rule, for the kernels' relu epilogues.
inline float relu1(float v) { return v <= 0.0f ? 0.0f : v; }

// y[N,O,oh,ow] = conv(x[N,C,H,W], w[O,C,kh,kw]) + bias[O] (bias may be null), then relu1 on
// every element when `relu` (conv + ReLU in one pass over y).
void conv2d_forward(const ConvGeom& g, const float* x, const float* w, const float* bias, float* y, bool relu = false);
// Gradients of conv2d_forward; any of dx, dw, db may be null (not wanted). Overwrites them.
void conv2d_backward(const ConvGeom& g, const float* x, const float* w, const float* dy, float* dx, float* dw, float* db);

// Linear layer, float32: y[M,N] = x[M,K] · w[N,K]ᵀ + bias[N] (bias may be null; relu1 after it
// when `relu`), and its gradients (any of dx, dw, db null when not wanted; dw in w's layout).
// linear.cc.
void linear_forward(int64_t M, int64_t K, int64_t N, const float* x, const float* w, const float* bias, float* y, bool relu = false);
// The same with the weight pre-packed by sgemm_pack_b (gemm.h) from w [N,K] as B = wᵀ.
void linear_forward_packed(int64_t M, int64_t K, int64_t N, const float* x, const float* packed, const float* bias, float* y, bool relu);
void linear_backward(int64_t M, int64_t K, int64_t N, const float* x, const float* w, const float* dy, float* dx, float* dw, float* db);

// y[N,C,oh,ow] = max over each window (cells outside the input count as -inf); idx[...] = flat
// position iy*W+ix of the first maximum (NaN counts as largest), -1 when it is a padded cell.
// idx null: values only (inference, nothing to backpropagate). Plane loops: pool_kernels.inl.
template <class T>
void maxpool2d_forward(const ConvGeom& g, const T* x, T* y, int32_t* idx);
// dx[N,C,H,W] = 0, then dx[n,c,idx] += dy for idx >= 0 (idx checked to lie inside H*W).
template <class T>
void maxpool2d_backward(const ConvGeom& g, const T* dy, const int32_t* idx, T* dx);

// relu on n elements: y = x <= 0 ? 0 : x (NaN passes), and dx = x <= 0 ? 0 : dy.
template <class T>
void relu_forward(int64_t n, const T* x, T* y);
template <class T>
void relu_backward(int64_t n, const T* x, const T* dy, T* dx);

// Softmax cross-entropy of logits x[N,C] against int32 targets t[N]: writes logp[N,C] =
// log_softmax(x) and returns -Σ logp[n, t[n]] over the kept rows (t[n] != ignore and inside
// [0, C); the caller checked the others), their count in *kept.
template <class T>
double cross_entropy_forward(int64_t N, int64_t C, const T* x, const int32_t* t, int32_t ignore, T* logp, int64_t* kept);
// dx = (softmax(x) - onehot(t)) * scale for kept rows, 0 for the others.
template <class T>
void cross_entropy_backward(int64_t N, int64_t C, const T* logp, const int32_t* t, int32_t ignore, double scale, T* dx);

}  // namespace myelin
