// Follows transformers/models/esm/modeling_esm.py RotaryEmbedding / apply_rotary_pos_emb.
#include "core/nn/esm/rotary_embedding.h"

namespace esm::nn {
namespace {

at::Tensor rotateHalf(const at::Tensor& x) {
    const auto halves = x.chunk(2, -1);
    return at::cat({-halves[1], halves[0]}, -1);
}

} // namespace

RotaryEmbedding::RotaryEmbedding(std::int64_t dim) {
    const at::Tensor exponents = at::arange(0, dim, 2, at::kLong).to(at::kFloat) / static_cast<double>(dim);
    inv_freq_ = register_buffer("inv_freq", 1.0 / at::pow(10000.0, exponents));
}

std::pair<at::Tensor, at::Tensor> RotaryEmbedding::forward(const at::Tensor& q, const at::Tensor& k) const {
    // Tables in float32 (float64 for float64 models), as HuggingFace builds them from inv_freq.
    const at::ScalarType tableType = q.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    const at::Tensor invFreq = inv_freq_.to(q.device(), tableType);
    const at::Tensor t = at::arange(k.size(-2), invFreq.options());
    const at::Tensor freqs = at::outer(t, invFreq);
    const at::Tensor table = at::cat({freqs, freqs}, -1);
    const at::Tensor cos = table.cos().to(q.scalar_type()), sin = table.sin().to(q.scalar_type()); // [T, d]
    auto rotate = [&](const at::Tensor& x) { return (x * cos + rotateHalf(x) * sin).to(x.scalar_type()); };
    return {rotate(q), rotate(k)};
}

} // namespace esm::nn
