// The language models the application uses (ESM-2, ESM-1b, ESM-1v and their fine-tuned
// classification variants), loaded from a HuggingFace folder. No LibTorch in this header:
// results are plain arrays (OwnedTensor).
#pragma once

#include "core/base/progress.h"
#include "core/base/tensor_data.h"
#include "core/nn/checkpoint/hf_config.h"
#include "core/pipeline/runtime_options.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace esm {

class EsmTokenizer; // core/nn/checkpoint/tokenizer.h

struct LanguageModelInfo {
    std::filesystem::path folder;
    std::string architecture; // EsmForMaskedLM, EsmForSequenceClassification, ...
    EsmConfig config;
    std::int64_t parameters = 0;
    std::vector<std::string> storedTypes; // element types found in the weight files
    std::size_t weightBytes = 0;
    std::vector<std::string> weightFiles;
    std::string computeType; // what it runs in
    std::string device;
    // Residues one sequence may have (absolute position embeddings limit it; rotary models were
    // trained up to 1,022 and accept more).
    std::size_t maxResidues = 0;
    bool hasMaskedLmHead = false;
    int zeroCopyTensors = 0; // tensors used in place from the mapped weight files
    int copiedTensors = 0;   // tensors converted (dtype, alignment, device)
};

struct LanguageModelRequest {
    bool hiddenStates = false;
    bool attentions = false;
    bool contacts = false;
};

// Outputs as the model computes them for a padded batch [B, T, ...]; fields not requested are empty.
struct PaddedBatchOutput {
    OwnedTensor inputIds, attentionMask; // int64 [B, T]
    OwnedTensor logits;                  // [B, T, V] | [B, labels] | [B, T, labels]
    OwnedTensor lastHiddenState;         // [B, T, H]
    OwnedTensor hiddenStates;            // [layers + 1, B, T, H]
    OwnedTensor attentions;              // [layers, B, heads, T, T]
    OwnedTensor contacts;                // [B, T - 2, T - 2]
};

// One sequence's outputs without padding (T = residues + 2).
struct SequenceOutput {
    std::vector<long> inputIds;  // [T]
    OwnedTensor logits;          // [T, V] | [labels] | [T, labels]
    OwnedTensor lastHiddenState; // [T, H]
    OwnedTensor hiddenStates;    // [layers + 1, T, H]
    OwnedTensor attentions;      // [layers, heads, T, T]
    OwnedTensor contacts;        // [L, L]
};

// The shapes of SequenceOutput's arrays for a sequence of `tokens` ids; `logits` is empty for a
// model without a head (EsmModel).
struct SequenceOutputShapes {
    std::vector<std::int64_t> logits, lastHiddenState, hiddenStates, contacts;
};

class LanguageModel {
  public:
    // Reads config.json, vocab.txt and the weights; throws Error saying what is wrong with the folder.
    static std::unique_ptr<LanguageModel> load(const std::filesystem::path& folder,
                                               const RuntimeOptions& options,
                                               const Progress& progress = Progress::none());
    ~LanguageModel();

    const LanguageModelInfo& info() const;
    const EsmTokenizer& tokenizer() const;

    // Token ids for a protein sequence (<cls> ... <eos>), special-token markers included (see
    // core/structure/sequence.h); Error if it is longer than the model takes.
    std::vector<long> encode(const std::string& residues) const;

    PaddedBatchOutput forwardPadded(const std::vector<std::vector<long>>& batch,
                                    const LanguageModelRequest& request,
                                    const Progress& progress = Progress::none()) const;
    std::vector<SequenceOutput> forward(const std::vector<std::vector<long>>& batch,
                                        const LanguageModelRequest& request,
                                        const Progress& progress = Progress::none()) const;

    SequenceOutputShapes outputShapes(std::int64_t tokens) const;
    // The contact map of one sequence (no chain breaks): residues x residues probabilities.
    std::vector<float> contactMap(const std::string& residues,
                                  const Progress& progress = Progress::none()) const;

    // log-softmax over the whole vocabulary, computed in float32 whatever the model runs in, at
    // the token positions `rows[b]` of sequence b: result[b] holds rows[b].size() x vocabulary values.
    std::vector<std::vector<float>> logProbabilities(const std::vector<std::vector<long>>& batch,
                                                     const std::vector<std::vector<int>>& rows,
                                                     const Progress& progress = Progress::none()) const;

    struct Impl;

  private:
    explicit LanguageModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace esm
