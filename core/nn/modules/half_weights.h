// Weights kept in float16 and widened to float32 for each product (EncoderLinear::Float16):
// esmfold_v1 ships its 3B stem in float16, and a CPU without native bfloat16 would otherwise hold
// it in float32, twice the memory for no more precision.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// half (float16, any shape and strides) -> a new contiguous float32 tensor with the same values.
// F16C where the CPU has it (cpuHasFastHalfConversion), LibTorch's conversion elsewhere.
at::Tensor widenHalf(const at::Tensor& half);

// at::linear(x, weight widened, bias) for x [..., in] float32, weight [out, in] float16, bias [out]
// float32 or undefined. For the few rows of a fold's stem (ESM-2 3B, 66 rows at 64 residues) the
// weight is widened a slice of output channels at a time, each multiplied while it is still in
// cache: widening the whole 2560 x 10240 weight first took 345 ms a call against 35 ms in slices,
// float32's own time. Many rows run on the whole weight widened (oneDNN, as float32 layers do).
at::Tensor halfWeightLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

} // namespace esm::nn
