// Conversions between LibTorch tensors and the torch-free OwnedTensor the pipeline hands out.
#pragma once

#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/torch_includes.h"

namespace esm::nn {

// A contiguous CPU copy of `t`. bfloat16 and float16 become float32 (what users can read).
OwnedTensor toOwnedTensor(const std::string& name, const at::Tensor& t);
// A tensor sharing nothing with `owned`.
at::Tensor toTensor(const OwnedTensor& owned);

} // namespace esm::nn
