// The SIMD kernels (simd_kernels.inl) for one instruction set: AVX-512 F/DQ/BW/VL (compiled with -mavx512f -mavx512dq -mavx512bw -mavx512vl).
// binding.gyp compiles this file alone with its flags; dispatch.cc picks a variant at load time.
#include "common.h"
#include "vector_math.h"

namespace myelin {
namespace isa_avx512 {
#include "simd_kernels.inl"
}  // namespace isa_avx512

extern const IsaKernels kIsaAvx512 = {
    "avx512", isa_avx512::unary, isa_avx512::binary, isa_avx512::reduce, isa_avx512::unary_costly, isa_avx512::binary_costly,
    isa_avx512::param_sums,
};

}  // namespace myelin
