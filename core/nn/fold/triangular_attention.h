// AlphaFold's gated multi-head attention with additive biases (EsmFoldAttention), and the
// triangular attention around the starting or ending node that uses it.
#pragma once

#include "core/nn/modules/linear.h"

#include <optional>

namespace esm::nn {

class EsmFoldAttention : public torch::nn::Module {
  public:
    EsmFoldAttention(std::int64_t c_in, std::int64_t c_hidden, std::int64_t heads);
    // x: [*, Q, C]; biases broadcast to [*, H, Q, K] -> [*, Q, C]
    at::Tensor forward(const at::Tensor& x, const std::vector<at::Tensor>& biases) const;

  private:
    LinearRef linear_q_, linear_k_, linear_v_, linear_o_, linear_g_;
    std::int64_t heads_, hidden_;
};

class EsmFoldTriangleAttention : public torch::nn::Module {
  public:
    EsmFoldTriangleAttention(std::int64_t c_in, std::int64_t c_hidden, std::int64_t heads, bool starting,
                             double inf);
    // x: [B, I, J, C], mask: [B, I, J]; rows are processed `chunk` at a time when given.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& mask, std::optional<std::int64_t> chunk) const;

  private:
    std::shared_ptr<LayerNorm> layer_norm_;
    LinearRef linear_;
    std::shared_ptr<EsmFoldAttention> mha_;
    bool starting_;
    double inf_;
};

} // namespace esm::nn
