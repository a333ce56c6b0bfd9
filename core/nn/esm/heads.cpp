// Follows transformers/models/esm/modeling_esm.py EsmLMHead and EsmClassificationHead.
#include "core/nn/esm/heads.h"

namespace esm::nn {

EsmLMHead::EsmLMHead(const EsmConfig& config) {
    dense_ = linearChild(*this, "dense", config.hidden_size, config.hidden_size);
    layer_norm_ =
        child(*this, "layer_norm", std::make_shared<LayerNorm>(config.hidden_size, config.layer_norm_eps));
    decoder_ = linearChild(*this, "decoder", config.hidden_size, *config.vocab_size, false);
    bias_ = emptyParameter(*this, "bias", {*config.vocab_size});
}

at::Tensor EsmLMHead::forward(const at::Tensor& features) const {
    const at::Tensor normed = layer_norm_->forward(exactGelu(dense_->forward(features)));
    return (tied_.defined() ? at::linear(normed, tied_) : decoder_->forward(normed)) + bias_;
}

EsmClassificationHead::EsmClassificationHead(const EsmConfig& config) {
    dense_ = linearChild(*this, "dense", config.hidden_size, config.hidden_size);
    out_proj_ = linearChild(*this, "out_proj", config.hidden_size, config.num_labels);
}

at::Tensor EsmClassificationHead::forward(const at::Tensor& features) const {
    return out_proj_->forward(at::tanh(dense_->forward(features.select(1, 0))));
}

} // namespace esm::nn
