// Follows transformers/models/esm/modeling_esmfold.py EsmFoldAttention and EsmFoldTriangleAttention.
#include "core/nn/fold/triangular_attention.h"

#include "core/nn/kernels/small_batched_matmul.h"

#include <cmath>

namespace esm::nn {

EsmFoldAttention::EsmFoldAttention(std::int64_t c_in, std::int64_t c_hidden, std::int64_t heads)
    : heads_(heads), hidden_(c_hidden) {
    linear_q_ = linearChild(*this, "linear_q", c_in, c_hidden * heads, false);
    linear_k_ = linearChild(*this, "linear_k", c_in, c_hidden * heads, false);
    linear_v_ = linearChild(*this, "linear_v", c_in, c_hidden * heads, false);
    linear_o_ = linearChild(*this, "linear_o", c_hidden * heads, c_in);
    linear_g_ = linearChild(*this, "linear_g", c_in, c_hidden * heads);
}

at::Tensor EsmFoldAttention::forward(const at::Tensor& x, const std::vector<at::Tensor>& biases) const {
    auto heads = [&](const at::Tensor& t) {
        std::vector<std::int64_t> shape = t.sizes().vec();
        shape.back() = heads_;
        shape.push_back(-1);
        return t.view(shape).transpose(-2, -3); // [*, H, Q, C]
    };
    const at::Tensor q = heads(linear_q_->forward(x)) / std::sqrt(static_cast<double>(hidden_));
    const at::Tensor k = heads(linear_k_->forward(x)), v = heads(linear_v_->forward(x));
    at::Tensor scores = batchedMatmul(q, k.transpose(-1, -2));
    for (const auto& b : biases)
        scores += b;
    at::Tensor o = batchedMatmul(at::softmax(scores, -1), v).transpose(-2, -3); // [*, Q, H, C]
    std::vector<std::int64_t> gateShape = o.sizes().vec();
    o = o * at::sigmoid(linear_g_->forward(x)).view(gateShape);
    return linear_o_->forward(o.flatten(-2));
}

EsmFoldTriangleAttention::EsmFoldTriangleAttention(std::int64_t c_in, std::int64_t c_hidden,
                                                   std::int64_t heads, bool starting, double inf)
    : starting_(starting), inf_(inf) {
    layer_norm_ = child(*this, "layer_norm", std::make_shared<LayerNorm>(c_in, 1e-5));
    linear_ = linearChild(*this, "linear", c_in, heads, false);
    mha_ = child(*this, "mha", std::make_shared<EsmFoldAttention>(c_in, c_hidden, heads));
}

at::Tensor EsmFoldTriangleAttention::forward(const at::Tensor& input, const at::Tensor& inputMask,
                                             std::optional<std::int64_t> chunk) const {
    at::Tensor x = starting_ ? input : input.transpose(-2, -3);
    const at::Tensor mask = starting_ ? inputMask : inputMask.transpose(-1, -2);
    x = layer_norm_->forward(x);
    const at::Tensor maskBias = (inf_ * (mask - 1)).unsqueeze(-2).unsqueeze(-2); // [B, I, 1, 1, J]
    const at::Tensor triangleBias =
        linear_->forward(x).permute({0, 3, 1, 2}).unsqueeze(-4); // [B, 1, H, I, J]

    at::Tensor out;
    const auto rows = x.size(1);
    if (!chunk || *chunk >= rows) {
        out = mha_->forward(x, {maskBias, triangleBias});
    } else {
        // Rows are independent: the same result in slices of `chunk` rows, with bounded memory.
        std::vector<at::Tensor> parts;
        for (std::int64_t start = 0; start < rows; start += *chunk) {
            const auto end = std::min(rows, start + *chunk);
            parts.push_back(
                mha_->forward(x.slice(1, start, end), {maskBias.slice(1, start, end), triangleBias}));
        }
        out = at::cat(parts, 1);
    }
    return starting_ ? out : out.transpose(-2, -3);
}

} // namespace esm::nn
