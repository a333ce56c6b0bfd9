// Rotary position embeddings of ESM-2 (RoFormer style, half-split rotation).
#pragma once

#include "core/nn/modules/basic.h"

namespace esm::nn {

class RotaryEmbedding : public torch::nn::Module {
  public:
    // inv_freq starts as 1 / 10000^(2i/d); a checkpoint's stored (float16-rounded) values replace it.
    explicit RotaryEmbedding(std::int64_t dim);
    // q, k: [B, heads, T, d] -> rotated by position 0..T-1
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& q, const at::Tensor& k) const;

  private:
    at::Tensor inv_freq_;
};

} // namespace esm::nn
