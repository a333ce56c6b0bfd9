#include "core/base/cpu_features.h"

namespace esm {

bool cpuHasNativeBFloat16() {
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
    return false;
#endif
}

} // namespace esm
