// Training examples as token ids and targets, and batches of them padded to their longest member
// (DataCollatorWithPadding / DataCollatorForTokenClassification), with the masked-LM collator's
// 15 % masking (80 % <mask>, 10 % a random token, 10 % unchanged) for masked-LM training.
#pragma once

#include "core/nn/checkpoint/tokenizer.h"
#include "core/nn/torch_includes.h"
#include "core/training/training_labels.h"

#include <vector>

namespace esm {

struct TokenizedExample {
    std::vector<long> ids; // <cls> residues <eos>, truncated to the run's max length
    LabelledSequence target;
};

// Truncates to `maxLength` tokens as the tokenizer's truncation does (<eos> kept), and the residue
// labels with it; `truncated` counts the examples that lost residues.
std::vector<TokenizedExample> tokenizeExamples(const std::vector<LabelledSequence>& rows,
                                               const EsmTokenizer& tokenizer, int maxLength, int* truncated);

struct TrainingBatch {
    at::Tensor ids, mask; // [B, T] int64
    at::Tensor labels;    // [B] int64 | [B] or [B, labels] float | [B, T] int64 with -100
};

TrainingBatch collate(TrainingTask task, const std::vector<TokenizedExample>& examples,
                      const std::vector<std::size_t>& members, long padId);

// DataCollatorForLanguageModeling.torch_mask_tokens on `batch` (labels made from ids): special
// tokens are never chosen; random replacements draw from the whole vocabulary, as HF's do.
void maskForLanguageModelling(TrainingBatch& batch, const EsmTokenizer& tokenizer, at::Generator generator);

} // namespace esm
