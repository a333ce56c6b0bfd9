// HuggingFace EsmModel without pooler: embeddings, encoder, contact head.
#pragma once

#include "core/nn/esm/contact_head.h"
#include "core/nn/esm/embeddings.h"
#include "core/nn/esm/encoder.h"

namespace esm::nn {

struct EsmRequest {
    bool hiddenStates = false;
    bool attentions = false;
    bool contacts = false;
    std::function<void(int)> onLayer; // progress between layers
};

struct EsmModelOutput {
    at::Tensor lastHiddenState;           // [B, T, H]
    std::vector<at::Tensor> hiddenStates; // layers + 1 x [B, T, H]
    std::vector<at::Tensor> attentions;   // layers x [B, heads, T, T]
    at::Tensor contacts;                  // [B, T-2, T-2]
};

class EsmModel : public torch::nn::Module {
  public:
    explicit EsmModel(const EsmConfig& config);
    // ids, mask: [B, T] int64
    EsmModelOutput forward(const at::Tensor& ids, const at::Tensor& mask, const EsmRequest& request) const;
    const EsmEmbeddings& embeddings() const { return *embeddings_; }
    const EsmConfig& config() const { return config_; }
    at::ScalarType dtype() const;
    void setGradientCheckpointing(bool on) { encoder_->setGradientCheckpointing(on); }

  private:
    EsmConfig config_;
    std::shared_ptr<EsmEmbeddings> embeddings_;
    std::shared_ptr<EsmEncoder> encoder_;
    std::shared_ptr<EsmContactPredictionHead> contact_head_;
};

} // namespace esm::nn
