// EsmForMaskedLM, EsmForSequenceClassification, EsmForTokenClassification and bare EsmModel
// checkpoints as one module: "esm" plus the head the architecture names.
#pragma once

#include "core/nn/esm/esm_model.h"
#include "core/nn/esm/heads.h"

namespace esm::nn {

enum class EsmTask { MaskedLM, SequenceClassification, TokenClassification, BaseModel };

// From config.json "architectures"; Error for folding models and unknown architectures.
EsmTask taskOf(const EsmConfig& config);
std::string taskName(EsmTask task);

class EsmTaskModel : public torch::nn::Module {
  public:
    EsmTaskModel(const EsmConfig& config, EsmTask task);

    struct Output {
        at::Tensor logits; // [B, T, vocab] | [B, labels] | [B, T, labels]; undefined for BaseModel
        EsmModelOutput esm;
    };
    Output forward(const at::Tensor& ids, const at::Tensor& mask, const EsmRequest& request) const;
    // The head alone on the encoder's last hidden state [B, T, H] (a sequence head reads only
    // position 0): what training with a frozen, cached encoder runs.
    at::Tensor headForward(const at::Tensor& features) const;
    // The masked-LM decoder from now on multiplies by the word embeddings themselves (HuggingFace
    // ties them: one parameter, trained once), not by its own copy.
    void tieLmDecoder();
    void setGradientCheckpointing(bool on) { esm_->setGradientCheckpointing(on); }
    EsmTask task() const { return task_; }
    const EsmModel& esm() const { return *esm_; }

  private:
    EsmTask task_;
    std::shared_ptr<EsmModel> esm_;
    std::shared_ptr<EsmLMHead> lm_head_;
    std::shared_ptr<EsmClassificationHead> sequence_classifier_;
    LinearRef token_classifier_;
};

} // namespace esm::nn
