// Myelin native backend: views as the binding receives them, and the kernels that are compiled
// once for the baseline instruction set (they move memory more than they compute).
// Every kernel returns nullptr on success or a static message naming what was wrong.
#pragma once
#include <cstdint>

#include "common.h"

namespace myelin {

// One strided view on a typed array, already checked: every element it addresses lies inside
// the array (offset + Σ i_d·stride_d in [0, length) for every index).
struct ViewDesc {
  void* data;  // element 0 of the typed array
  DType dtype;
  int64_t length;  // elements in the typed array
  int ndim;
  int64_t numel;
  int64_t offset;
  int64_t shape[kMaxDims];
  int64_t strides[kMaxDims];
};

int elem_size(DType t);
// Row-major and gap-free from its offset (size-1 dims may have any stride).
bool is_contiguous(const ViewDesc& v);

// Builds a Plan over `shape` for views that all have that shape (strides as given), dropping
// size-1 dims and merging dims that are contiguous in every operand. The last operand is the output.
void make_plan(int ndim, const int64_t* shape, const ViewDesc* const* views, int nviews, Plan& p);

// Window geometry for im2col/col2im: kernel, stride, padding, dilation as (h, w) pairs.
struct Window {
  int64_t kh, kw, sh, sw, ph, pw, dh, dw;
};

// x and out share a shape and dtype: out = x (element copy; any strides on both sides).
const char* copy_view(const ViewDesc& x, const ViewDesc& out);
// out = cast of x (every dtype pair, with the reference's store rules).
const char* cast_view(const ViewDesc& x, const ViewDesc& out);
// out = cond ? a : b; all broadcast to out's shape; cond is bool; a, b, out share a dtype.
const char* where_view(const ViewDesc& c, const ViewDesc& a, const ViewDesc& b, const ViewDesc& out);
const char* argmax_view(const ViewDesc& x, int dim, const ViewDesc& out);
const char* cumsum_view(const ViewDesc& x, int dim, const ViewDesc& out);
const char* gather_view(const ViewDesc& x, int dim, const ViewDesc& index, const ViewDesc& out);
const char* scatter_view(const ViewDesc& x, int dim, const ViewDesc& index, const ViewDesc& src, bool accumulate,
                         const ViewDesc& out);
const char* im2col_view(const ViewDesc& x, const Window& w, double pad_value, const ViewDesc& out);
const char* col2im_view(const ViewDesc& cols, const Window& w, const ViewDesc& out);

}  // namespace myelin
