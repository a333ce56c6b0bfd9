// The ESMFold folding trunk (EsmFoldingTrunk): relative positions, the triangular blocks, the
// structure module, and recycling of states and of the predicted backbone's distogram.
#pragma once

#include "core/nn/fold/structure_module.h"
#include "core/nn/fold/trunk_block.h"

#include <functional>

namespace esm::nn {

struct TrunkOutput {
    StructureModuleOutput structure;
    at::Tensor s_s, s_z; // final trunk states [B, N, Cs], [B, N, N, Cz]
};

// The stages of a fold, announced as each begins (for progress and for per-stage timing).
enum class FoldStage { LanguageModel, Trunk, StructureModule, Heads };

struct TrunkCallbacks {
    // Before each block of each trunk pass; may throw to cancel.
    std::function<void(int pass, int passes, int block, int blocks)> onBlock;
    std::function<void(FoldStage stage, int pass, int passes)> onStage;
    // After each pass's structure module, with the states and structure of that pass.
    std::function<void(int pass, int passes, const TrunkOutput& sofar)> onPass;
};

class EsmFoldingTrunk : public torch::nn::Module {
  public:
    explicit EsmFoldingTrunk(const TrunkConfig& config);
    // passes = recycles + 1; residx: [B, N] int64; mask: [B, N] float
    TrunkOutput forward(const at::Tensor& s0, const at::Tensor& z0, const at::Tensor& aatype,
                        const at::Tensor& residx, const at::Tensor& mask, int passes,
                        std::optional<std::int64_t> chunk, const ResidueTables& tables,
                        const TrunkCallbacks& callbacks) const;

    // Bins of squared distances between virtual Cβ atoms of atom14 backbones [B, N, 14, 3] -> [B, N, N].
    static at::Tensor distogram(const at::Tensor& positions, double minBin, double maxBin, int bins);

  private:
    at::Tensor relativePositions(const at::Tensor& residx, const at::Tensor& mask) const;

    TrunkConfig c_;
    std::shared_ptr<Embedding> positional_embedding_, recycle_disto_;
    std::vector<std::shared_ptr<EsmFoldTriangularSelfAttentionBlock>> blocks_;
    std::shared_ptr<LayerNorm> recycle_s_norm_, recycle_z_norm_;
    std::shared_ptr<EsmFoldStructureModule> structure_module_;
    LinearRef trunk2sm_s_, trunk2sm_z_;
    at::ScalarType structureType_ = at::kFloat;

  public:
    // The structure module runs in float32 (float64 for float64 models), whatever the trunk's dtype.
    void setStructureType(at::ScalarType type) { structureType_ = type; }
};

} // namespace esm::nn
