// Follows transformers/models/esm/modeling_esmfold.py EsmFoldStructureModule, EsmFoldAngleResnet,
// EsmFoldStructureModuleTransition and EsmFoldBackboneUpdate.
#include "core/nn/fold/structure_module.h"

namespace esm::nn {

EsmFoldAngleResnet::EsmFoldAngleResnet(const StructureModuleConfig& c) : epsilon_(c.epsilon) {
    linear_in_ = linearChild(*this, "linear_in", c.sequence_dim, c.resnet_dim);
    linear_initial_ = linearChild(*this, "linear_initial", c.sequence_dim, c.resnet_dim);
    auto layers = register_module("layers", std::make_shared<torch::nn::Module>());
    for (int i = 0; i < c.num_resnet_blocks; ++i) {
        auto block = layers->register_module(std::to_string(i), std::make_shared<torch::nn::Module>());
        blocks_.emplace_back(linearChild(*block, "linear_1", c.resnet_dim, c.resnet_dim),
                             linearChild(*block, "linear_2", c.resnet_dim, c.resnet_dim));
    }
    linear_out_ = linearChild(*this, "linear_out", c.resnet_dim, c.num_angles * 2);
}

std::pair<at::Tensor, at::Tensor> EsmFoldAngleResnet::forward(const at::Tensor& s0,
                                                              const at::Tensor& sInitial) const {
    at::Tensor s = linear_in_->forward(at::relu(s0)) + linear_initial_->forward(at::relu(sInitial));
    for (const auto& [first, second] : blocks_)
        s = s + second->forward(at::relu(first->forward(at::relu(s))));
    s = linear_out_->forward(at::relu(s));
    std::vector<std::int64_t> shape = s.sizes().vec();
    shape.back() = -1;
    shape.push_back(2);
    const at::Tensor unnormalized = s.view(shape);
    const at::Tensor norm = at::sqrt(at::clamp(unnormalized.pow(2).sum(-1, true), epsilon_));
    return {unnormalized, unnormalized / norm};
}

EsmFoldStructureModule::EsmFoldStructureModule(const StructureModuleConfig& c) : c_(c) {
    const std::int64_t cs = c.sequence_dim;
    layer_norm_s_ = child(*this, "layer_norm_s", std::make_shared<LayerNorm>(cs, 1e-5));
    layer_norm_z_ = child(*this, "layer_norm_z", std::make_shared<LayerNorm>(c.pairwise_dim, 1e-5));
    linear_in_ = linearChild(*this, "linear_in", cs, cs);
    ipa_ = child(*this, "ipa", std::make_shared<EsmFoldInvariantPointAttention>(c));
    layer_norm_ipa_ = child(*this, "layer_norm_ipa", std::make_shared<LayerNorm>(cs, 1e-5));
    auto transition = register_module("transition", std::make_shared<torch::nn::Module>());
    auto layers = transition->register_module("layers", std::make_shared<torch::nn::Module>());
    for (int i = 0; i < c.num_transition_layers; ++i) {
        auto layer = layers->register_module(std::to_string(i), std::make_shared<torch::nn::Module>());
        transition_layers_.push_back({linearChild(*layer, "linear_1", cs, cs),
                                      linearChild(*layer, "linear_2", cs, cs),
                                      linearChild(*layer, "linear_3", cs, cs)});
    }
    transition_norm_ = child(*transition, "layer_norm", std::make_shared<LayerNorm>(cs, 1e-5));
    auto bbUpdate = register_module("bb_update", std::make_shared<torch::nn::Module>());
    bb_update_ = linearChild(*bbUpdate, "linear", cs, 6);
    angle_resnet_ = child(*this, "angle_resnet", std::make_shared<EsmFoldAngleResnet>(c));
}

StructureModuleOutput EsmFoldStructureModule::forward(const at::Tensor& single, const at::Tensor& pair,
                                                      const at::Tensor& aatype, const at::Tensor& mask,
                                                      const ResidueTables& tables) const {
    const at::Tensor sInitial = layer_norm_s_->forward(single);
    const at::Tensor z = layer_norm_z_->forward(pair);
    at::Tensor s = linear_in_->forward(sInitial);
    Rigid rigids = Rigid::identity_quats({s.size(0), s.size(1)}, s.options());

    std::vector<at::Tensor> frames, sidechainFrames, unnormalizedAngles, angles, positions, states;
    for (int block = 0; block < c_.num_blocks; ++block) {
        s = s + ipa_->forward(s, z, rigids, mask);
        s = layer_norm_ipa_->forward(s);
        for (const auto& [first, second, third] : transition_layers_)
            s = s + third->forward(at::relu(second->forward(at::relu(first->forward(s)))));
        s = transition_norm_->forward(s);

        rigids = rigids.compose_q_update_vec(bb_update_->forward(s));
        // As AlphaFold: the side chains are built from rotation matrices, not quaternions.
        const Rigid backboneToGlobal = rigids.with_rot_mats().scale_translation(c_.trans_scale_factor);
        auto [unnormalized, normalized] = angle_resnet_->forward(s, sInitial);
        const Rigid allFrames = torsion_angles_to_frames(backboneToGlobal, normalized, aatype, tables);

        frames.push_back(rigids.scale_translation(c_.trans_scale_factor).to_tensor_7());
        sidechainFrames.push_back(allFrames.to_tensor_4x4());
        unnormalizedAngles.push_back(unnormalized);
        angles.push_back(normalized);
        positions.push_back(frames_and_literature_positions_to_atom14_pos(allFrames, aatype, tables));
        states.push_back(s);
        rigids = rigids.stop_rot_gradient();
    }
    return {at::stack(frames), at::stack(sidechainFrames), at::stack(unnormalizedAngles),
            at::stack(angles), at::stack(positions),       at::stack(states)};
}

} // namespace esm::nn
