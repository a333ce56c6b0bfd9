// Follows modeling_esm.py EsmForSequenceClassification.forward and EsmForTokenClassification.forward
// (MSELoss, CrossEntropyLoss, BCEWithLogitsLoss with their default mean reduction).
#include "core/nn/train/losses.h"

#include <stdexcept>

namespace esm::nn {

constexpr std::int64_t kIgnoredLabel = -100;

std::string sequenceProblemType(const std::string& configured, std::int64_t numLabels,
                                const at::Tensor& labels) {
    if (!configured.empty())
        return configured;
    if (numLabels == 1)
        return "regression";
    if (labels.scalar_type() == at::kLong || labels.scalar_type() == at::kInt)
        return "single_label_classification";
    return "multi_label_classification";
}

at::Tensor sequenceLoss(const std::string& problemType, const at::Tensor& logits, const at::Tensor& labels,
                        const at::Tensor& classWeights) {
    if (problemType == "regression")
        return logits.size(-1) == 1 ? at::mse_loss(logits.squeeze(), labels.squeeze())
                                    : at::mse_loss(logits, labels);
    if (problemType == "single_label_classification")
        return at::cross_entropy_loss(logits.view({-1, logits.size(-1)}), labels.view({-1}), classWeights);
    if (problemType == "multi_label_classification")
        return at::binary_cross_entropy_with_logits(logits, labels);
    throw std::invalid_argument("unknown problem_type '" + problemType + "'");
}

at::Tensor tokenLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& classWeights) {
    return at::cross_entropy_loss(logits.reshape({-1, logits.size(-1)}), labels.reshape({-1}), classWeights,
                                  at::Reduction::Mean, kIgnoredLabel);
}

} // namespace esm::nn
