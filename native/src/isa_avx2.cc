// The SIMD kernels (simd_kernels.inl) for one instruction set: AVX2 + FMA (compiled with -mavx2 -mfma).
// binding.gyp compiles this file alone with its flags; dispatch.cc picks a variant at load time.
#include "common.h"
#include "vector_math.h"

namespace myelin {
namespace isa_avx2 {
#include "simd_kernels.inl"
}  // namespace isa_avx2

extern const IsaKernels kIsaAvx2 = {
    "avx2", isa_avx2::unary, isa_avx2::binary, isa_avx2::reduce, isa_avx2::unary_costly, isa_avx2::binary_costly,
    isa_avx2::param_sums,
};

}  // namespace myelin
