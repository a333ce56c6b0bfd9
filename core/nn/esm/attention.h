// ESM self-attention (EsmSelfAttention + EsmSelfOutput + the pre-LayerNorm of EsmAttention).
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/esm/rotary_embedding.h"
#include "core/nn/modules/linear.h"

namespace esm::nn {

class EsmSelfAttention : public torch::nn::Module {
  public:
    explicit EsmSelfAttention(const EsmConfig& config);
    // x: [B, T, H]; additiveMask: [B, 1, 1, T] -> context [B, T, H], probabilities [B, heads, T, T]
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& x, const at::Tensor& additiveMask) const;

  private:
    LinearRef query_, key_, value_;
    std::shared_ptr<RotaryEmbedding> rotary_embeddings_;
    std::int64_t heads_, headDim_;
};

class EsmSelfOutput : public torch::nn::Module {
  public:
    explicit EsmSelfOutput(const EsmConfig& config);
    at::Tensor forward(const at::Tensor& context, const at::Tensor& residual) const;

  private:
    LinearRef dense_;
};

class EsmAttention : public torch::nn::Module {
  public:
    explicit EsmAttention(const EsmConfig& config);
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& x, const at::Tensor& additiveMask) const;

  private:
    std::shared_ptr<EsmSelfAttention> self_;
    std::shared_ptr<EsmSelfOutput> output_;
    std::shared_ptr<LayerNorm> LayerNorm_;
};

} // namespace esm::nn
