#include "core/base/cpu_features.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#endif

namespace esm {
namespace {

// oneDNN runs every bfloat16 product; a user who caps its instruction set below AVX512-BF16
// (ONEDNN_MAX_CPU_ISA=AVX2, say, to reproduce an older machine) gets emulated bfloat16 from it.
bool oneDnnMayUseBFloat16() {
    const char* cap = std::getenv("ONEDNN_MAX_CPU_ISA");
    if (!cap)
        cap = std::getenv("DNNL_MAX_CPU_ISA");
    if (!cap || !*cap)
        return true;
    std::string isa(cap);
    std::transform(isa.begin(), isa.end(), isa.begin(), [](unsigned char c) { return std::toupper(c); });
    return isa == "ALL" || isa.find("BF16") != std::string::npos || isa.find("FP16") != std::string::npos ||
           isa.find("AMX") != std::string::npos;
}

} // namespace

bool cpuHasNativeBFloat16() {
#if defined(__x86_64__) && defined(__GNUC__)
    // CPUs with AMX-BF16 (Sapphire Rapids on) have AVX512-BF16 too.
    return __builtin_cpu_supports("avx512bf16") && oneDnnMayUseBFloat16();
#else
    return false;
#endif
}

bool cpuHasFastHalfConversion() {
#if defined(__x86_64__) && defined(__GNUC__)
    // CPUID leaf 1 names F16C; clang's __builtin_cpu_supports does not know it.
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) && __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

} // namespace esm
