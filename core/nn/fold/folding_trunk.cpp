// Follows transformers/models/esm/modeling_esmfold.py EsmFoldingTrunk and EsmFoldRelativePosition.
#include "core/nn/fold/folding_trunk.h"

namespace esm::nn {

EsmFoldingTrunk::EsmFoldingTrunk(const TrunkConfig& c) : c_(c) {
    const std::int64_t cs = c.sequence_state_dim, cz = c.pairwise_state_dim;
    auto positional = register_module("pairwise_positional_embedding", std::make_shared<torch::nn::Module>());
    positional_embedding_ =
        child(*positional, "embedding", std::make_shared<Embedding>(2 * c.position_bins + 2, cz));
    auto blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.num_blocks; ++i) {
        blocks_.push_back(std::make_shared<EsmFoldTriangularSelfAttentionBlock>(c));
        blocks->push_back(blocks_.back());
    }
    recycle_s_norm_ = child(*this, "recycle_s_norm", std::make_shared<LayerNorm>(cs, 1e-5));
    recycle_z_norm_ = child(*this, "recycle_z_norm", std::make_shared<LayerNorm>(cz, 1e-5));
    recycle_disto_ = child(*this, "recycle_disto", std::make_shared<Embedding>(15, cz));
    structure_module_ =
        child(*this, "structure_module", std::make_shared<EsmFoldStructureModule>(c.structure_module));
    trunk2sm_s_ = linearChild(*this, "trunk2sm_s", cs, c.structure_module.sequence_dim);
    trunk2sm_z_ = linearChild(*this, "trunk2sm_z", cz, c.structure_module.pairwise_dim);
}

at::Tensor EsmFoldingTrunk::relativePositions(const at::Tensor& residx, const at::Tensor& mask) const {
    const std::int64_t bins = c_.position_bins;
    at::Tensor diff = (residx.unsqueeze(1) - residx.unsqueeze(2)).clamp(-bins, bins) + bins + 1; // [B, N, N]
    const at::Tensor pairMask = mask.unsqueeze(1) * mask.unsqueeze(2);
    diff = diff.masked_fill(pairMask.eq(0), 0); // index 0 is reserved for masked pairs
    return positional_embedding_->forward(diff);
}

at::Tensor EsmFoldingTrunk::distogram(const at::Tensor& positions, double minBin, double maxBin, int bins) {
    const at::Tensor boundaries =
        at::linspace(minBin, maxBin, bins - 1, at::TensorOptions().device(positions.device())).pow(2);
    const at::Tensor n = positions.select(-2, 0), ca = positions.select(-2, 1), c = positions.select(-2, 2);
    const at::Tensor b = ca - n, cc = c - ca;
    const at::Tensor a = at::cross(b, cc, -1);
    const at::Tensor cb = -0.58273431 * a + 0.56802827 * b - 0.54067466 * cc + ca;
    const at::Tensor distances = (cb.unsqueeze(-3) - cb.unsqueeze(-2)).pow(2).sum(-1, true);
    return (distances > boundaries).sum(-1);
}

TrunkOutput EsmFoldingTrunk::forward(const at::Tensor& s0, const at::Tensor& z0, const at::Tensor& aatype,
                                     const at::Tensor& residx, const at::Tensor& mask, int passes,
                                     std::optional<std::int64_t> chunk, const ResidueTables& tables,
                                     const TrunkCallbacks& callbacks) const {
    at::Tensor recycleS = at::zeros_like(s0), recycleZ = at::zeros_like(z0);
    at::Tensor recycleBins =
        at::zeros(z0.sizes().slice(0, 3), at::TensorOptions().dtype(at::kLong).device(z0.device()));
    TrunkOutput out;
    for (int pass = 0; pass < passes; ++pass) {
        if (callbacks.onStage)
            callbacks.onStage(FoldStage::Trunk, pass, passes);
        recycleS = recycle_s_norm_->forward(recycleS);
        recycleZ = recycle_z_norm_->forward(recycleZ) + recycle_disto_->forward(recycleBins);

        at::Tensor s = s0 + recycleS;
        at::Tensor z = z0 + recycleZ + relativePositions(residx, mask);
        for (std::size_t block = 0; block < blocks_.size(); ++block) {
            if (callbacks.onBlock)
                callbacks.onBlock(pass, passes, static_cast<int>(block), static_cast<int>(blocks_.size()));
            std::tie(s, z) = blocks_[block]->forward(s, z, mask, chunk);
        }

        if (callbacks.onStage)
            callbacks.onStage(FoldStage::StructureModule, pass, passes);
        out.structure = structure_module_->forward(trunk2sm_s_->forward(s).to(structureType_),
                                                   trunk2sm_z_->forward(z).to(structureType_), aatype,
                                                   mask.to(structureType_), tables);
        recycleS = s;
        recycleZ = z;
        recycleBins = distogram(out.structure.positions[-1].slice(-2, 0, 3), 3.375, 21.375, 15);
        out.s_s = s;
        out.s_z = z;
        if (callbacks.onPass)
            callbacks.onPass(pass, passes, out);
    }
    return out;
}

} // namespace esm::nn
