// Follows transformers/models/esm/modeling_esm.py EsmSelfAttention, EsmSelfOutput, EsmAttention.
#include "core/nn/esm/attention.h"

#include <cmath>

namespace esm::nn {

EsmSelfAttention::EsmSelfAttention(const EsmConfig& config)
    : heads_(config.num_attention_heads), headDim_(config.headDim()) {
    const auto h = config.hidden_size;
    query_ = linearChild(*this, "query", h, h);
    key_ = linearChild(*this, "key", h, h);
    value_ = linearChild(*this, "value", h, h);
    if (config.isRotary())
        rotary_embeddings_ = child(*this, "rotary_embeddings", std::make_shared<RotaryEmbedding>(headDim_));
}

std::pair<at::Tensor, at::Tensor> EsmSelfAttention::forward(const at::Tensor& x,
                                                            const at::Tensor& additiveMask) const {
    const auto batch = x.size(0), length = x.size(1);
    auto split = [&](const at::Tensor& t) {
        return t.view({batch, length, heads_, headDim_}).transpose(1, 2);
    };
    // ESM scales the query before the rotation (not the scores after it).
    at::Tensor q = split(query_->forward(x)) * std::pow(static_cast<double>(headDim_), -0.5);
    at::Tensor k = split(key_->forward(x));
    const at::Tensor v = split(value_->forward(x)); // [B, heads, T, d]
    if (rotary_embeddings_)
        std::tie(q, k) = rotary_embeddings_->forward(q, k);
    at::Tensor scores = at::matmul(q, k.transpose(-1, -2)) + additiveMask; // [B, heads, T, T]
    const at::Tensor probabilities = at::softmax(scores, -1);
    const at::Tensor context = at::matmul(probabilities.to(v.scalar_type()), v)
                                   .permute({0, 2, 1, 3})
                                   .contiguous()
                                   .view({batch, length, heads_ * headDim_});
    return {context, probabilities};
}

EsmSelfOutput::EsmSelfOutput(const EsmConfig& config) {
    dense_ = linearChild(*this, "dense", config.hidden_size, config.hidden_size);
}

at::Tensor EsmSelfOutput::forward(const at::Tensor& context, const at::Tensor& residual) const {
    return dense_->forward(context) + residual;
}

EsmAttention::EsmAttention(const EsmConfig& config) {
    self_ = child(*this, "self", std::make_shared<EsmSelfAttention>(config));
    output_ = child(*this, "output", std::make_shared<EsmSelfOutput>(config));
    LayerNorm_ =
        child(*this, "LayerNorm", std::make_shared<LayerNorm>(config.hidden_size, config.layer_norm_eps));
}

std::pair<at::Tensor, at::Tensor> EsmAttention::forward(const at::Tensor& x,
                                                        const at::Tensor& additiveMask) const {
    auto [context, probabilities] = self_->forward(LayerNorm_->forward(x), additiveMask);
    return {output_->forward(context, x), probabilities};
}

} // namespace esm::nn
