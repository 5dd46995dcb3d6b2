// Myelin native backend: lets the compiler vectorise loops over libm calls. glibc on x86-64 ships
// vector versions of the math functions (libmvec, pulled in by libm's linker script), but its
// headers only announce them under -ffast-math, which would break NaN handling. Re-declaring the
// functions with the `simd` attribute announces them without it: a loop over expf then calls
// _ZGVdN8v_expf (8 lanes, AVX2), _ZGVeN16v_expf (AVX-512) or _ZGVbN4v_expf (SSE2), each in the
// translation unit compiled for that ISA. Accuracy: within 4 ulp, special values as scalar libm.
// Included by the isa_*.cc files only, after <math.h>. Other systems keep scalar libm.
#pragma once
#include <math.h>

#if defined(__x86_64__) && defined(__GLIBC__) && !defined(MYELIN_NO_LIBMVEC)
#define MYELIN_VEC __attribute__((simd("notinbranch")))
extern "C" {
#if __GLIBC_PREREQ(2, 22)
float expf(float) MYELIN_VEC;
float logf(float) MYELIN_VEC;
float sinf(float) MYELIN_VEC;
float cosf(float) MYELIN_VEC;
float powf(float, float) MYELIN_VEC;
double exp(double) MYELIN_VEC;
double log(double) MYELIN_VEC;
double sin(double) MYELIN_VEC;
double cos(double) MYELIN_VEC;
double pow(double, double) MYELIN_VEC;
#endif
#if __GLIBC_PREREQ(2, 35)
float expm1f(float) MYELIN_VEC;
float log1pf(float) MYELIN_VEC;
float tanhf(float) MYELIN_VEC;
float erff(float) MYELIN_VEC;
double expm1(double) MYELIN_VEC;
double log1p(double) MYELIN_VEC;
double tanh(double) MYELIN_VEC;
double erf(double) MYELIN_VEC;
#endif
}
#undef MYELIN_VEC
#endif
