# The native backend's addon (build/Release/myelin.node), built by `npm ci` / `npm install`
# through tools/native_build.mjs. Kernels that gain from wide vectors are compiled once per
# instruction set, each file in its own library with its own -m flags, and picked at load time
# (dispatch.cc; gemm.cc for the GEMM kernels): never -march=native, so one build runs on any
# x86-64 machine. Other architectures (arm64) build only the portable code. See docs/native.md.
{
  'target_defaults': {
    'cflags': ['-O3', '-fno-math-errno', '-ffp-contract=off', '-fvisibility=hidden'],
    'cflags_cc': ['-std=gnu++17'],
    # threads.cc reports a failing chunk with an exception; the binding catches everything
    'cflags_cc!': ['-fno-exceptions'],
    'xcode_settings': {
      'OTHER_CFLAGS': ['-O3', '-fno-math-errno', '-ffp-contract=off', '-fvisibility=hidden'],
      'CLANG_CXX_LANGUAGE_STANDARD': 'gnu++17',
      'GCC_ENABLE_CPP_EXCEPTIONS': 'YES',
    },
  },
  'conditions': [
    ['target_arch=="x64" and OS!="win"', {
      'targets': [
        {
          'target_name': 'myelin_avx2',
          'type': 'static_library',
          'sources': ['native/src/isa_avx2.cc', 'native/src/gemm_avx2.cc', 'native/src/conv_avx2.cc'],
          'cflags': ['-mavx2', '-mfma'],
          'xcode_settings': {'OTHER_CFLAGS': ['-mavx2', '-mfma']},
        },
        {
          'target_name': 'myelin_avx512',
          'type': 'static_library',
          'sources': ['native/src/isa_avx512.cc'],
          'cflags': ['-mavx512f', '-mavx512dq', '-mavx512bw', '-mavx512vl', '-mavx2', '-mfma'],
          'xcode_settings': {'OTHER_CFLAGS': ['-mavx512f', '-mavx512dq', '-mavx512bw', '-mavx512vl', '-mavx2', '-mfma']},
        },
        {
          # gemm.cc calls it only when the CPU reports avx512f, hence only -mavx512f
          'target_name': 'myelin_gemm_avx512',
          'type': 'static_library',
          'sources': ['native/src/gemm_avx512.cc'],
          'cflags': ['-mavx512f', '-mavx2', '-mfma'],
          'xcode_settings': {'OTHER_CFLAGS': ['-mavx512f', '-mavx2', '-mfma']},
        },
      ],
    }],
  ],
  'targets': [
    {
      'target_name': 'myelin',
      'sources': [
        'native/src/addon.cc',
        'native/src/conv.cc',
        'native/src/dispatch.cc',
        'native/src/fused.cc',
        'native/src/fused_addon.cc',
        'native/src/gemm.cc',
        'native/src/gemm_generic.cc',
        'native/src/isa_portable.cc',
        'native/src/linear.cc',
        'native/src/linear_addon.cc',
        'native/src/malloc_tuning.cc',
        'native/src/optim.cc',
        'native/src/threads.cc',
        'native/src/views.cc',
        'native/src/window.cc',
      ],
      'defines': ['MYELIN_HAVE_THREADS', 'MYELIN_HAVE_GEMM'],
      'conditions': [
        ['target_arch=="x64" and OS!="win"', {
          'defines': ['MYELIN_X86_VARIANTS'],
          'dependencies': ['myelin_avx2', 'myelin_avx512', 'myelin_gemm_avx512'],
        }, {
          # elsewhere the per-ISA GEMM files compile to stubs that report no kernel
          'sources': ['native/src/gemm_avx2.cc', 'native/src/gemm_avx512.cc', 'native/src/conv_avx2.cc'],
        }],
      ],
    },
  ],
}
