// The SIMD kernels (simd_kernels.inl) for one instruction set: baseline instruction set (SSE2 on x86-64; generic on arm64).
// binding.gyp compiles this file alone with its flags; dispatch.cc picks a variant at load time.
#include "common.h"
#include "vector_math.h"

namespace myelin {
namespace isa_portable {
#include "simd_kernels.inl"
}  // namespace isa_portable

extern const IsaKernels kIsaPortable = {
    "portable", isa_portable::unary, isa_portable::binary, isa_portable::reduce, isa_portable::unary_costly, isa_portable::binary_costly,
    isa_portable::param_sums,
};

}  // namespace myelin
