// Follows transformers/models/esm/modeling_esm.py EsmEmbeddings.
#include "core/nn/esm/embeddings.h"

namespace esm::nn {

EsmEmbeddings::EsmEmbeddings(const EsmConfig& config)
    : tokenDropout_(config.token_dropout), maskId_(config.mask_token_id.value_or(-1)),
      padId_(*config.pad_token_id) {
    word_embeddings_ =
        child(*this, "word_embeddings", std::make_shared<Embedding>(*config.vocab_size, config.hidden_size));
    if (config.emb_layer_norm_before.value_or(false))
        layer_norm_ = child(*this, "layer_norm",
                            std::make_shared<LayerNorm>(config.hidden_size, config.layer_norm_eps));
    if (!config.isRotary())
        position_embeddings_ =
            child(*this, "position_embeddings",
                  std::make_shared<Embedding>(config.max_position_embeddings, config.hidden_size));
}

at::Tensor EsmEmbeddings::forward(const at::Tensor& ids, const at::Tensor& mask) const {
    at::Tensor embeddings = word_embeddings_->forward(ids); // [B, T, H]
    if (tokenDropout_) {
        // Masked tokens are treated as dropped out; the rest are rescaled by the training-time mask
        // rate over the observed one. The ratio is float32 whatever the model dtype, as in HF.
        const at::Tensor isMask = ids.eq(maskId_);
        embeddings = embeddings.masked_fill(isMask.unsqueeze(-1), 0.0);
        const double maskRatioTrain = 0.15 * 0.8;
        const at::Tensor sourceLengths = mask.sum(-1);
        const at::Tensor maskRatioObserved = isMask.sum(-1).to(at::kFloat) / sourceLengths;
        embeddings = (embeddings * (1 - maskRatioTrain) / (1 - maskRatioObserved).unsqueeze(-1).unsqueeze(-1))
                         .to(embeddings.scalar_type());
    }
    if (position_embeddings_) {
        // Positions count real tokens from padding_idx + 1; pads get padding_idx.
        const at::Tensor notPad = ids.ne(padId_).to(at::kInt);
        const at::Tensor positions = (at::cumsum(notPad, 1).to(at::kInt) * notPad).to(at::kLong) + padId_;
        embeddings = embeddings + position_embeddings_->forward(positions);
    }
    if (layer_norm_)
        embeddings = layer_norm_->forward(embeddings);
    return (embeddings * mask.unsqueeze(-1)).to(embeddings.scalar_type());
}

} // namespace esm::nn
