// How every N-API entry point reports failure: `fail` throws a JS Error (code MYELIN_NATIVE,
// message prefixed "[myelin native] ") and `guarded` turns any C++ exception (a failed allocation,
// a worker's error) into one — nothing may unwind into Node. Shared by addon.cc and fused_addon.cc.
#pragma once
#include <node_api.h>

#include <cstring>
#include <exception>
#include <new>

namespace myelin {

inline napi_value fail(napi_env env, const char* msg) {
  char buf[200] = "[myelin native] ";
  std::strncat(buf, msg, sizeof(buf) - std::strlen(buf) - 1);
  napi_throw_error(env, "MYELIN_NATIVE", buf);
  return nullptr;
}

// Runs fn(), returning its value, or throws the JS error for a C++ exception and returns null.
template <class F>
napi_value guarded(napi_env env, F fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return fail(env, "out of memory");
  } catch (const std::exception& e) {
    return fail(env, e.what());
  } catch (...) {
    return fail(env, "internal error");
  }
}

}  // namespace myelin
