// Weights kept in float16 and widened to float32 for each product (EncoderLinear::Float16):
// esmfold_v1 ships its 3B stem in float16, and a CPU without native bfloat16 would otherwise hold
// it in float32, twice the memory for no more precision.
#pragma once

#include "core/nn/modules/linear.h"

#include <string>

namespace esm::nn {

// half (float16, any shape and strides) -> a new contiguous float32 tensor with the same values.
// F16C where the CPU has it (cpuHasFastHalfConversion), LibTorch's conversion elsewhere.
at::Tensor widenHalf(const at::Tensor& half);

// A Linear layer swapped for one that holds its weight in float16 as "weight" (the bias as it
// was) and widens it for each product with float32 input.
class HalfLinear : public LinearLayer {
  public:
    explicit HalfLinear(const Linear& layer);
    at::Tensor forward(const at::Tensor& x) const override;
    const at::Tensor& weight() const { return weight_; }
    std::int64_t inFeatures() const override { return weight_.size(1); }
    std::int64_t outFeatures() const override { return weight_.size(0); }

  private:
    at::Tensor weight_, bias_;
};

// Every Linear layer under `prefix` becomes a HalfLinear.
void halveLinearLayers(torch::nn::Module& root, const std::string& prefix);

} // namespace esm::nn
