// What the CPU at hand can do that changes which precision runs fastest.
#pragma once

namespace esm {

// Native bfloat16 arithmetic (AVX512-BF16, and the OS saves the AVX-512 state) that oneDNN may use
// (ONEDNN_MAX_CPU_ISA, where set, names an instruction set with it): there oneDNN's bfloat16 GEMM
// runs ~4x float32, elsewhere bfloat16 is emulated and slower.
bool cpuHasNativeBFloat16();

// F16C with AVX2 (every x86 CPU since 2013): float16 widens to float32 eight values per
// instruction, where LibTorch 1.13's own conversion goes one value at a time.
bool cpuHasFastHalfConversion();

} // namespace esm
