// Follows transformers/models/esm/modeling_esm.py EsmModel (add_pooling_layer=False) and predict_contacts.
#include "core/nn/esm/esm_model.h"

#include "core/nn/runtime/compute_options.h"

namespace esm::nn {

EsmModel::EsmModel(const EsmConfig& config) : config_(config) {
    embeddings_ = child(*this, "embeddings", std::make_shared<EsmEmbeddings>(config));
    encoder_ = child(*this, "encoder", std::make_shared<EsmEncoder>(config));
    contact_head_ = child(
        *this, "contact_head",
        std::make_shared<EsmContactPredictionHead>(config.num_hidden_layers, config.num_attention_heads));
}

at::ScalarType EsmModel::dtype() const {
    return embeddings_->wordEmbeddings().weight().scalar_type();
}

EsmModelOutput EsmModel::forward(const at::Tensor& ids, const at::Tensor& mask,
                                 const EsmRequest& request) const {
    const at::ScalarType type = dtype();
    // HuggingFace's extended attention mask: 0 where attended, the dtype's lowest value elsewhere.
    const at::Tensor additiveMask =
        (1.0 - mask.unsqueeze(1).unsqueeze(2).to(type)) * lowestValue(type); // [B, 1, 1, T]

    std::optional<EsmContactPredictionHead::Accumulator> contacts;
    std::function<void(int, const at::Tensor&)> onAttention;
    if (request.contacts) {
        contacts.emplace(*contact_head_, ids, mask, 2);
        onAttention = [&](int layer, const at::Tensor& probabilities) {
            contacts->add(layer, probabilities);
        };
    }
    auto encoded = encoder_->forward(embeddings_->forward(ids, mask), additiveMask, request.hiddenStates,
                                     request.attentions, onAttention, request.onLayer);
    EsmModelOutput out{
        encoded.lastHiddenState, std::move(encoded.hiddenStates), std::move(encoded.attentions), {}};
    if (contacts)
        out.contacts = contacts->finish();
    return out;
}

} // namespace esm::nn
