// Weights kept in float16 and widened to float32 for each product (EncoderLinear::Float16):
// esmfold_v1 ships its 3B stem in float16, and a CPU without native bfloat16 would otherwise hold
// it in float32, twice the memory for no more precision.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// half (float16, any shape and strides) -> a new contiguous float32 tensor with the same values.
// F16C where the CPU has it (cpuHasFastHalfConversion), LibTorch's conversion elsewhere.
at::Tensor widenHalf(const at::Tensor& half);

} // namespace esm::nn
