// Follows transformers/models/esm/modeling_esm.py EsmForMaskedLM, EsmForSequenceClassification,
// EsmForTokenClassification.
#include "core/nn/esm/task_model.h"

#include "core/base/error.h"

namespace esm::nn {

EsmTask taskOf(const EsmConfig& config) {
    const std::string architecture =
        config.architectures.empty() ? "EsmForMaskedLM" : config.architectures.front();
    if (architecture == "EsmForMaskedLM")
        return EsmTask::MaskedLM;
    if (architecture == "EsmForSequenceClassification")
        return EsmTask::SequenceClassification;
    if (architecture == "EsmForTokenClassification")
        return EsmTask::TokenClassification;
    if (architecture == "EsmModel")
        return EsmTask::BaseModel;
    if (architecture == "EsmForProteinFolding")
        throw Error(
            "this is a folding model (EsmForProteinFolding): use it to fold, not as a language model");
    throw Error("unsupported architecture '" + architecture + "'");
}

std::string taskName(EsmTask task) {
    switch (task) {
    case EsmTask::MaskedLM:
        return "EsmForMaskedLM";
    case EsmTask::SequenceClassification:
        return "EsmForSequenceClassification";
    case EsmTask::TokenClassification:
        return "EsmForTokenClassification";
    case EsmTask::BaseModel:
        return "EsmModel";
    }
    return {};
}

EsmTaskModel::EsmTaskModel(const EsmConfig& config, EsmTask task) : task_(task) {
    esm_ = child(*this, "esm", std::make_shared<EsmModel>(config));
    switch (task) {
    case EsmTask::MaskedLM:
        lm_head_ = child(*this, "lm_head", std::make_shared<EsmLMHead>(config));
        break;
    case EsmTask::SequenceClassification:
        sequence_classifier_ = child(*this, "classifier", std::make_shared<EsmClassificationHead>(config));
        break;
    case EsmTask::TokenClassification:
        token_classifier_ = linearChild(*this, "classifier", config.hidden_size, config.num_labels);
        break;
    case EsmTask::BaseModel:
        break;
    }
}

EsmTaskModel::Output EsmTaskModel::forward(const at::Tensor& ids, const at::Tensor& mask,
                                           const EsmRequest& request) const {
    Output out{{}, esm_->forward(ids, mask, request)};
    out.logits = headForward(out.esm.lastHiddenState);
    return out;
}

at::Tensor EsmTaskModel::headForward(const at::Tensor& features) const {
    if (lm_head_)
        return lm_head_->forward(features);
    if (sequence_classifier_)
        return sequence_classifier_->forward(features);
    if (token_classifier_)
        return token_classifier_->forward(features);
    return {};
}

void EsmTaskModel::tieLmDecoder() {
    if (lm_head_)
        lm_head_->tieDecoder(esm_->embeddings().wordEmbeddings().weight());
}

} // namespace esm::nn
