// HuggingFace EsmEmbeddings: token embeddings, ESM's token dropout, absolute positions (ESM-1b/1v),
// optional LayerNorm, then the attention mask.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/modules/basic.h"

namespace esm::nn {

class EsmEmbeddings : public torch::nn::Module {
  public:
    explicit EsmEmbeddings(const EsmConfig& config);
    // ids, mask: [B, T] int64 -> [B, T, H]
    at::Tensor forward(const at::Tensor& ids, const at::Tensor& mask) const;
    const Embedding& wordEmbeddings() const { return *word_embeddings_; }

  private:
    std::shared_ptr<Embedding> word_embeddings_, position_embeddings_;
    std::shared_ptr<LayerNorm> layer_norm_;
    bool tokenDropout_;
    long maskId_, padId_;
};

} // namespace esm::nn
