// HuggingFace EsmForProteinFolding: the ESM-2 stem, the folding trunk and the output heads.
#pragma once

#include "core/nn/esm/esm_model.h"
#include "core/nn/fold/folding_trunk.h"

namespace esm::nn {

// Every field of HuggingFace's EsmForProteinFoldingOutput, under its name.
struct EsmFoldOutput {
    at::Tensor frames, sidechain_frames, unnormalized_angles, angles, positions, states, s_s, s_z,
        distogram_logits, lm_logits, aatype, atom14_atom_exists, residx_atom14_to_atom37,
        residx_atom37_to_atom14, atom37_atom_exists, residue_index, lddt_head, plddt, ptm_logits, ptm,
        aligned_confidence_probs, predicted_aligned_error, max_predicted_aligned_error;
    at::Tensor esm_input_ids; // what the ESM stem was given (<cls> ... <eos> <pad>...)

    std::vector<std::pair<std::string, at::Tensor>> named() const;
};

struct FoldRequest {
    int recycles = 3; // trunk passes = recycles + 1
    std::optional<std::int64_t> chunkSize;
    std::function<void(int layer, int layers)> onLanguageModelLayer;
    TrunkCallbacks trunk; // trunk blocks, and the start of every stage
    // After each trunk pass but the last, every output as a fold of that many passes would give it.
    std::function<void(int pass, int passes, const EsmFoldOutput& sofar)> onPass;
};

class EsmForProteinFolding : public torch::nn::Module {
  public:
    explicit EsmForProteinFolding(const EsmConfig& config);
    // aatype: [B, N] AlphaFold residue indices (X = 20); mask: [B, N] 1 for residues; residx: [B, N]
    EsmFoldOutput forward(const at::Tensor& aatype, const at::Tensor& mask, const at::Tensor& residx,
                          const FoldRequest& request) const;
    // Call after loading: builds the residue tables for the loaded dtype and device.
    void prepare(at::ScalarType trunkType, at::ScalarType structureType, at::Device device);
    const EsmConfig& config() const { return config_; }

  private:
    at::Tensor languageModelStates(const at::Tensor& esmIds, const FoldRequest& request) const;
    // The output heads (distogram, lm, pLDDT, pTM, PAE) on the trunk's states and structure.
    EsmFoldOutput heads(const TrunkOutput& trunk, const at::Tensor& aatype, const at::Tensor& mask,
                        const at::Tensor& residx) const;

    EsmConfig config_;
    std::shared_ptr<EsmModel> esm_;
    at::Tensor af2_to_esm_, esm_s_combine_;
    std::shared_ptr<LayerNorm> esm_s_mlp_norm_, lddt_norm_;
    LinearRef esm_s_mlp_in_, esm_s_mlp_out_, distogram_head_, ptm_head_, lm_head_, lddt_1_, lddt_2_, lddt_3_;
    std::shared_ptr<Embedding> embedding_;
    std::shared_ptr<EsmFoldingTrunk> trunk_;
    ResidueTables tables_;
    at::ScalarType trunkType_ = at::kFloat, structureType_ = at::kFloat;
};

} // namespace esm::nn
