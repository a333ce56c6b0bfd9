// Follows transformers/models/esm/modeling_esm.py EsmLayer, EsmIntermediate, EsmOutput, EsmEncoder.
#include "core/nn/esm/encoder.h"

namespace esm::nn {
namespace {

// EsmIntermediate and EsmOutput hold one Linear each, named "dense".
LinearRef denseIn(torch::nn::Module& layer, const std::string& name, std::int64_t in, std::int64_t out) {
    auto holder = layer.register_module(name, std::make_shared<torch::nn::Module>());
    return linearChild(*holder, "dense", in, out);
}

} // namespace

EsmLayer::EsmLayer(const EsmConfig& config) {
    attention_ = child(*this, "attention", std::make_shared<EsmAttention>(config));
    intermediate_dense_ = denseIn(*this, "intermediate", config.hidden_size, config.intermediate_size);
    output_dense_ = denseIn(*this, "output", config.intermediate_size, config.hidden_size);
    LayerNorm_ =
        child(*this, "LayerNorm", std::make_shared<LayerNorm>(config.hidden_size, config.layer_norm_eps));
}

std::pair<at::Tensor, at::Tensor> EsmLayer::forward(const at::Tensor& x,
                                                    const at::Tensor& additiveMask) const {
    auto [attended, probabilities] = attention_->forward(x, additiveMask);
    const at::Tensor intermediate = exactGelu(intermediate_dense_->forward(LayerNorm_->forward(attended)));
    return {output_dense_->forward(intermediate) + attended, probabilities};
}

EsmEncoder::EsmEncoder(const EsmConfig& config) {
    layer_ = register_module("layer", torch::nn::ModuleList());
    for (int i = 0; i < config.num_hidden_layers; ++i) {
        layers_.push_back(std::make_shared<EsmLayer>(config));
        layer_->push_back(layers_.back());
        layerFunctions_.push_back([layer = layers_.back()](const at::Tensor& x, const at::Tensor& mask) {
            return layer->forward(x, mask).first;
        });
    }
    emb_layer_norm_after_ = child(*this, "emb_layer_norm_after",
                                  std::make_shared<LayerNorm>(config.hidden_size, config.layer_norm_eps));
}

EsmEncoder::Output EsmEncoder::forward(const at::Tensor& x, const at::Tensor& additiveMask,
                                       bool keepHiddenStates, bool keepAttentions,
                                       const std::function<void(int, const at::Tensor&)>& onAttention,
                                       const std::function<void(int)>& onLayer) const {
    Output out;
    at::Tensor hidden = x;
    for (int i = 0; i < layerCount(); ++i) {
        if (onLayer)
            onLayer(i);
        if (keepHiddenStates)
            out.hiddenStates.push_back(hidden);
        const auto index = static_cast<std::size_t>(i);
        if (checkpointing_ && is_training() && at::GradMode::is_enabled() && !keepAttentions &&
            !onAttention) {
            hidden = checkpointed(layerFunctions_[index], hidden, additiveMask);
            continue;
        }
        auto [next, probabilities] = layers_[index]->forward(hidden, additiveMask);
        if (onAttention)
            onAttention(i, probabilities);
        if (keepAttentions)
            out.attentions.push_back(probabilities);
        hidden = next;
    }
    out.lastHiddenState = emb_layer_norm_after_->forward(hidden);
    if (keepHiddenStates)
        out.hiddenStates.push_back(out.lastHiddenState);
    return out;
}

} // namespace esm::nn
