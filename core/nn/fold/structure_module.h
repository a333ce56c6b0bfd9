// The AlphaFold structure module as ESMFold uses it (EsmFoldStructureModule): IPA blocks that
// refine residue frames, an angle ResNet for torsions, and atom positions from ideal geometry.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/fold/atom_geometry.h"
#include "core/nn/fold/invariant_point_attention.h"

namespace esm::nn {

class EsmFoldAngleResnet : public torch::nn::Module {
  public:
    explicit EsmFoldAngleResnet(const StructureModuleConfig& config);
    // -> (unnormalised, normalised) angles [B, N, num_angles, 2]
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& s, const at::Tensor& sInitial) const;

  private:
    LinearRef linear_in_, linear_initial_, linear_out_;
    std::vector<std::pair<LinearRef, LinearRef>> blocks_;
    double epsilon_;
};

// Outputs of every block, stacked on a leading block axis.
struct StructureModuleOutput {
    at::Tensor frames;              // [blocks, B, N, 7]
    at::Tensor sidechain_frames;    // [blocks, B, N, 8, 4, 4]
    at::Tensor unnormalized_angles; // [blocks, B, N, 7, 2]
    at::Tensor angles;              // [blocks, B, N, 7, 2]
    at::Tensor positions;           // [blocks, B, N, 14, 3]
    at::Tensor states;              // [blocks, B, N, Cs]
};

class EsmFoldStructureModule : public torch::nn::Module {
  public:
    explicit EsmFoldStructureModule(const StructureModuleConfig& config);
    StructureModuleOutput forward(const at::Tensor& single, const at::Tensor& pair, const at::Tensor& aatype,
                                  const at::Tensor& mask, const ResidueTables& tables) const;

  private:
    StructureModuleConfig c_;
    std::shared_ptr<LayerNorm> layer_norm_s_, layer_norm_z_, layer_norm_ipa_, transition_norm_;
    LinearRef linear_in_, bb_update_;
    std::shared_ptr<EsmFoldInvariantPointAttention> ipa_;
    std::vector<std::array<LinearRef, 3>> transition_layers_;
    std::shared_ptr<EsmFoldAngleResnet> angle_resnet_;
};

} // namespace esm::nn
