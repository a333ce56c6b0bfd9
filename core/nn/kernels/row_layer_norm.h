// LayerNorm over the last axis for float32 and bfloat16 CPU tensors, one row per task. LibTorch
// 1.13's CPU kernel is slow on ESMFold's short rows of 128 channels, in bfloat16 most of all
// (docs/PERFORMANCE.md).
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// Whether rowLayerNorm handles `x` (a CPU float32 or bfloat16 tensor); others go to at::layer_norm.
bool rowLayerNormApplies(const at::Tensor& x);

// (x - mean) / sqrt(var + eps) * weight + bias over the last axis, accumulated in float, in x's dtype.
at::Tensor rowLayerNorm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps);

} // namespace esm::nn
