// Runtime CPU dispatch: picks, once, the widest kernel variant this CPU runs. One build thus runs
// on any x86-64 machine; arm64 builds only the portable variant. MYELIN_ISA=portable|avx2|avx512
// caps the choice (a test runs the op suite on each variant the machine supports).
#include <cstdlib>
#include <cstring>

#include "common.h"

namespace myelin {

namespace {

const IsaKernels* choose() {
  const char* cap = std::getenv("MYELIN_ISA");
  const bool allow_avx512 = cap == nullptr || std::strcmp(cap, "avx512") == 0 || cap[0] == '\0';
  const bool allow_avx2 = allow_avx512 || std::strcmp(cap, "avx2") == 0;
#if defined(MYELIN_X86_VARIANTS)
  __builtin_cpu_init();
  if (allow_avx512 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")) {
    return &kIsaAvx512;
  }
  if (allow_avx2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &kIsaAvx2;
#else
  (void)allow_avx2;
#endif
  return &kIsaPortable;
}

}  // namespace

const IsaKernels& isa() {
  static const IsaKernels* chosen = choose();
  return *chosen;
}

}  // namespace myelin
