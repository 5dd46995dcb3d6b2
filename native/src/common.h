// Myelin native backend: the types shared by the binding (addon.cc) and the kernels.
// Plain data and declarations only: no inline functions, because this header is compiled with
// different -m flags in the per-ISA translation units and the linker would merge inline copies.
#pragma once
#include <cstdint>

namespace myelin {

constexpr int kMaxDims = 16;
constexpr int kMaxOperands = 4;

// Element types, one per typed array: Float32Array, Float64Array, Int32Array, Uint8Array (bool).
enum DType : int { kF32 = 0, kF64 = 1, kI32 = 2, kU8 = 3 };

// An iteration space shared by up to 4 operands. Size-1 dims are dropped and mergeable dims
// collapsed, so dims are >= 1 and ndim may be 0 (one element). Strides are in elements and may be
// 0 (broadcast) or negative (flip); base[i] points at operand i's first element.
struct Plan {
  int ndim;
  int nops;
  int64_t numel;
  int64_t shape[kMaxDims];
  int64_t strides[kMaxOperands][kMaxDims];
  void* base[kMaxOperands];
  DType dtype[kMaxOperands];
};

// A reduction: x's dims split into kept dims (out's order) and reduced dims (x's order).
struct ReducePlan {
  const void* x;
  void* out;
  DType dtype;  // x and out share it (float32 or float64)
  int nkept, nred;
  int64_t kept_shape[kMaxDims], kept_strides[kMaxDims];
  int64_t red_shape[kMaxDims], red_strides[kMaxDims];
  int64_t red_numel;
};

enum ReduceOp : int { kSum = 0, kProd = 1, kAmax = 2 };

// The kernels compiled once per instruction set (isa_*.cc). Each does the part [begin, end) of
// the flat output, so the caller can split the work across threads. They return false when the
// op or dtype combination has no kernel (the caller reports it; nothing was written).
struct IsaKernels {
  const char* name;
  bool (*unary)(int op, const Plan& p, int64_t begin, int64_t end);
  bool (*binary)(int op, const Plan& p, int64_t begin, int64_t end);
  bool (*reduce)(int op, const ReducePlan& r, int64_t begin, int64_t end);
  bool (*unary_costly)(int op);
  bool (*binary_costly)(int op);
  // Σ w², Σ (w − b)², Σ b², Σ g² of n float32s in double into out[0..3] (b, g may be null).
  void (*param_sums)(const float* w, const float* b, const float* g, int64_t n, double out[4]);
};

extern const IsaKernels kIsaPortable;
#if defined(MYELIN_X86_VARIANTS)
extern const IsaKernels kIsaAvx2;
extern const IsaKernels kIsaAvx512;
#endif

// The best kernel set this CPU runs (MYELIN_ISA=portable|avx2|avx512 caps it), chosen once.
const IsaKernels& isa();

}  // namespace myelin
