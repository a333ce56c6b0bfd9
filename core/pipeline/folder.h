// ESMFold for the application: load a HuggingFace folder, fold sequences (multimers with ':'),
// get structures with pLDDT, PAE and pTM as plain types. No LibTorch in this header.
#pragma once

#include "core/base/progress.h"
#include "core/base/tensor_data.h"
#include "core/nn/checkpoint/hf_config.h"
#include "core/pipeline/runtime_options.h"
#include "core/structure/structure.h"

#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace esm {

struct FolderInfo {
    std::filesystem::path folder;
    EsmConfig config;
    std::int64_t parameters = 0;
    std::size_t weightBytes = 0; // in memory, after conversion to the compute dtype
    std::vector<std::string> storedTypes;
    std::string computeType, device;
    int defaultRecycles = 3; // what HuggingFace infer() runs: max_recycles passes
};

struct FoldOptions {
    std::optional<int> recycles;           // trunk passes = recycles + 1; default: HF infer()
    std::optional<std::int64_t> chunkSize; // rows of triangular attention at a time
    bool keepTensors = false;              // also return every raw output (for --dump-tensors)
    bool huggingFacePtm = false;           // HF's batch-wide pTM instead of the per-sequence one
};

struct FoldResult {
    std::string sequence;     // as given, ':' between chains
    Structure structure;      // one chain per input chain, pLDDT (0-100) per atom, linker removed
    std::vector<float> plddt; // per residue (CA), 0-100, chains concatenated without linker
    std::vector<float> pae;   // residues x residues, Å, row-major
    std::size_t residues = 0;
    double meanPlddt = 0; // over all atoms, as ESMFold reports it
    double ptm = 0;
    double maxPae = 0;
    std::vector<OwnedTensor> tensors; // raw outputs under HuggingFace's names, batch axis removed
};

// The structures after trunk pass `pass` (1-based) of `passes`, before the last: what a fold with
// `pass - 1` recycles gives. Runs on the folding thread; may throw to cancel.
using FoldPreview = std::function<void(int pass, int passes, std::vector<FoldResult> sofar)>;

// Peak memory a fold is expected to need, and what is available.
struct MemoryEstimate {
    std::size_t weights = 0, activations = 0, available = 0;
    // Saturating: an estimate too large to count never "fits" by wrapping around.
    std::size_t total() const {
        std::size_t sum = 0;
        return __builtin_add_overflow(weights, activations, &sum) ? std::numeric_limits<std::size_t>::max()
                                                                  : sum;
    }
    bool fits() const { return total() <= available; }
};

class Folder {
  public:
    static std::unique_ptr<Folder> load(const std::filesystem::path& folder, const RuntimeOptions& options,
                                        const Progress& progress = Progress::none());
    ~Folder();
    const FolderInfo& info() const;

    // Folds the sequences as one padded batch. Stages reported: "language model", "trunk pass k/n".
    // Throws Error before starting when the estimate says it will not fit, naming a chunk size that would.
    std::vector<FoldResult> fold(const std::vector<std::string>& sequences, const FoldOptions& options,
                                 const Progress& progress = Progress::none(),
                                 const FoldPreview& preview = {}) const;

    MemoryEstimate estimate(const std::vector<std::size_t>& lengths, const FoldOptions& options) const;
    // Throws Error with the reason and the remedy when a fold of these lengths would not fit.
    void checkFits(const std::vector<std::size_t>& lengths, const FoldOptions& options) const;

    // HuggingFace's forward on padded inputs (aatype, attention_mask, position_ids [B, N] int64):
    // every output field under its name, plus esm_input_ids. For parity tests.
    std::vector<OwnedTensor> forwardPadded(const OwnedTensor& aatype, const OwnedTensor& mask,
                                           const OwnedTensor& positions, int recycles,
                                           std::optional<std::int64_t> chunkSize = std::nullopt,
                                           const Progress& progress = Progress::none()) const;

    struct Impl;

  private:
    explicit Folder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace esm
