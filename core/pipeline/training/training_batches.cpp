#include "core/pipeline/training/training_batches.h"

#include "core/pipeline/token_batches.h"

namespace esm {

constexpr long kIgnored = -100;

std::vector<TokenizedExample> tokenizeExamples(const std::vector<LabelledSequence>& rows,
                                               const EsmTokenizer& tokenizer, int maxLength, int* truncated) {
    std::vector<TokenizedExample> out;
    int cut = 0;
    for (const LabelledSequence& row : rows) {
        TokenizedExample example{tokenizer.encode(row.sequence, std::nullopt, true, std::size_t(maxLength)),
                                 row};
        const std::size_t residues = example.ids.size() - 2;
        if (residues < row.sequence.size()) {
            ++cut;
            if (!example.target.residueClasses.empty())
                example.target.residueClasses.resize(residues);
        }
        out.push_back(std::move(example));
    }
    if (truncated)
        *truncated = cut;
    return out;
}

TrainingBatch collate(TrainingTask task, const std::vector<TokenizedExample>& examples,
                      const std::vector<std::size_t>& members, long padId) {
    std::vector<std::vector<long>> ids;
    for (std::size_t i : members)
        ids.push_back(examples[i].ids);
    auto [padded, mask] = padTokenIds(ids, padId);
    const auto b = padded.size(0), t = padded.size(1);
    TrainingBatch batch{padded, mask, {}};
    switch (task) {
    case TrainingTask::SequenceClassification: {
        std::vector<std::int64_t> labels;
        for (std::size_t i : members)
            labels.push_back(examples[i].target.classId);
        batch.labels = at::tensor(labels, at::kLong);
        break;
    }
    case TrainingTask::SequenceRegression: {
        std::vector<float> values;
        for (std::size_t i : members)
            values.push_back(examples[i].target.value);
        batch.labels = at::tensor(values, at::kFloat);
        break;
    }
    case TrainingTask::MultiLabel: {
        std::vector<at::Tensor> rows;
        for (std::size_t i : members)
            rows.push_back(at::tensor(examples[i].target.multiHot, at::kFloat));
        batch.labels = at::stack(rows);
        break;
    }
    case TrainingTask::TokenClassification: {
        batch.labels = at::full({b, t}, kIgnored, at::kLong);
        auto labels = batch.labels.accessor<std::int64_t, 2>();
        for (std::int64_t r = 0; r < b; ++r) {
            const auto& classes = examples[members[static_cast<std::size_t>(r)]].target.residueClasses;
            for (std::size_t k = 0; k < classes.size(); ++k)
                labels[r][static_cast<std::int64_t>(k) + 1] = classes[k]; // position 0 is <cls>
        }
        break;
    }
    case TrainingTask::MaskedLM:
        break;
    }
    return batch;
}

void maskForLanguageModelling(TrainingBatch& batch, const EsmTokenizer& tokenizer, at::Generator generator) {
    at::Tensor& ids = batch.ids;
    batch.labels = ids.clone();
    at::Tensor special = at::zeros_like(ids, at::kBool);
    auto flags = special.accessor<bool, 2>();
    auto values = ids.accessor<std::int64_t, 2>();
    for (std::int64_t r = 0; r < ids.size(0); ++r)
        for (std::int64_t k = 0; k < ids.size(1); ++k)
            flags[r][k] = tokenizer.isSpecial(values[r][k]);
    const at::Tensor probability = at::full(ids.sizes(), 0.15, at::kFloat).masked_fill_(special, 0.0);
    const at::Tensor masked = at::bernoulli(probability, generator).to(at::kBool);
    batch.labels.masked_fill_(masked.logical_not(), kIgnored);
    const at::Tensor replaced =
        at::bernoulli(at::full(ids.sizes(), 0.8, at::kFloat), generator).to(at::kBool) & masked;
    ids.masked_fill_(replaced, tokenizer.maskId());
    const at::Tensor randomised =
        at::bernoulli(at::full(ids.sizes(), 0.5, at::kFloat), generator).to(at::kBool) & masked &
        replaced.logical_not();
    const at::Tensor words = at::randint(static_cast<std::int64_t>(tokenizer.vocabularySize()), ids.sizes(),
                                         generator, at::TensorOptions().dtype(at::kLong));
    ids.copy_(at::where(randomised, words, ids));
}

} // namespace esm
