// The losses HuggingFace's ESM heads compute from `labels` (modeling_esm.py), and the metrics its
// task guides report. Labels use -100 for positions that do not count (<cls>, <eos>, padding,
// residues the masked-LM collator left unmasked).
#pragma once

#include "core/nn/torch_includes.h"

#include <string>

namespace esm::nn {

// EsmForSequenceClassification's rule: an explicit problem_type wins; else one label is
// "regression", integer labels "single_label_classification", anything else
// "multi_label_classification".
std::string sequenceProblemType(const std::string& configured, std::int64_t numLabels,
                                const at::Tensor& labels);

// logits [B, labels]; labels [B] int64 (classification), [B] or [B, labels] float (regression),
// [B, labels] float (multi-label). `classWeights` [labels] (or undefined) weighs cross-entropy as
// torch.nn.CrossEntropyLoss(weight=...) does.
at::Tensor sequenceLoss(const std::string& problemType, const at::Tensor& logits, const at::Tensor& labels,
                        const at::Tensor& classWeights = {});

// Cross-entropy over every position whose label is not -100: token classification (logits
// [B, T, labels]) and masked LM (logits [B, T, vocab]) alike.
at::Tensor tokenLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& classWeights = {});

} // namespace esm::nn
