#include "core/base/cpu_features.h"

namespace esm {

bool cpuHasNativeBFloat16() {
#if defined(__x86_64__) && defined(__GNUC__)
    // CPUs with AMX-BF16 (Sapphire Rapids on) have AVX512-BF16 too.
    return __builtin_cpu_supports("avx512bf16");
#else
    return false;
#endif
}

} // namespace esm
