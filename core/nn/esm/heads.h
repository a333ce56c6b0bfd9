// The task heads on top of EsmModel, with HuggingFace's module names.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/modules/linear.h"

namespace esm::nn {

// EsmLMHead: dense -> GELU -> LayerNorm -> decoder (tied to the word embeddings) + bias.
class EsmLMHead : public torch::nn::Module {
  public:
    explicit EsmLMHead(const EsmConfig& config);
    at::Tensor forward(const at::Tensor& features) const; // [B, T, H] -> [B, T, vocab]
    // The decoder multiplies by `weight` (the word embeddings) instead of its own weight.
    void tieDecoder(const at::Tensor& weight) { tied_ = weight; }

  private:
    LinearRef dense_, decoder_;
    at::Tensor tied_;
    std::shared_ptr<LayerNorm> layer_norm_;
    at::Tensor bias_;
};

// EsmClassificationHead: the <cls> state -> dense -> tanh -> out_proj.
class EsmClassificationHead : public torch::nn::Module {
  public:
    EsmClassificationHead(const EsmConfig& config);
    at::Tensor forward(const at::Tensor& features) const; // [B, T, H] -> [B, labels]

  private:
    LinearRef dense_, out_proj_;
};

} // namespace esm::nn
