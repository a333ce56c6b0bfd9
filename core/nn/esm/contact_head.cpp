// Follows transformers/models/esm/modeling_esm.py EsmContactPredictionHead and predict_contacts.
#include "core/nn/esm/contact_head.h"

namespace esm::nn {
namespace {

// Average product correction per channel: x - (row sums x column sums) / total.
at::Tensor averageProductCorrect(const at::Tensor& x) {
    const at::Tensor rows = x.sum(-1, true), columns = x.sum(-2, true), total = x.sum({-1, -2}, true);
    return x - rows * columns / total;
}

} // namespace

EsmContactPredictionHead::EsmContactPredictionHead(std::int64_t layers, std::int64_t heads) : heads_(heads) {
    regression_ = child(*this, "regression", std::make_shared<Linear>(layers * heads, 1));
}

EsmContactPredictionHead::Accumulator::Accumulator(const EsmContactPredictionHead& head,
                                                   const at::Tensor& ids, const at::Tensor& mask, long eosId)
    : head_(head) {
    // predict_contacts zeroes pad rows/columns; the head then zeroes <eos> rows/columns.
    const at::Tensor keep = mask.ne(0) & ids.ne(eosId);
    pairMask_ = (keep.unsqueeze(1) & keep.unsqueeze(2)).unsqueeze(1); // [B, 1, T, T]
    const auto n = ids.size(1) - 2;
    logits_ = at::zeros({ids.size(0), n, n}, head.regression_->weight().options());
}

void EsmContactPredictionHead::Accumulator::add(int layer, const at::Tensor& probabilities) {
    const auto t = probabilities.size(-1);
    at::Tensor maps = (probabilities * pairMask_).to(logits_.scalar_type());
    maps = maps.slice(-1, 1, t - 1).slice(-2, 1, t - 1); // drop the first and the last position
    maps = averageProductCorrect(maps + maps.transpose(-1, -2));
    const at::Tensor weights =
        head_.regression_->weight().view({-1}).slice(0, layer * head_.heads_, (layer + 1) * head_.heads_);
    logits_ += at::einsum("bhij,h->bij", {maps, weights});
}

at::Tensor EsmContactPredictionHead::Accumulator::finish() const {
    return at::sigmoid(logits_ + head_.regression_->bias());
}

} // namespace esm::nn
