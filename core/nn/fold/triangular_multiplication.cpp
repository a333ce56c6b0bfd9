// Follows transformers/models/esm/modeling_esmfold.py EsmFoldTriangleMultiplicativeUpdate.forward.
#include "core/nn/fold/triangular_multiplication.h"

#include "core/nn/kernels/small_batched_matmul.h"
#include "core/nn/kernels/transpose_copy.h"

namespace esm::nn {
namespace {

// The update's product over the third residue k of each pair (i, j), channel by channel: along
// outgoing edges x_ij = sum_k a_ik b_jk, along incoming edges x_ij = sum_k a_ki b_kj. [B, I, J, C].
at::Tensor triangleProduct(const at::Tensor& a, const at::Tensor& b, bool outgoing) {
    // One matmul per channel on channel-major copies [B, C, rows, columns] (a batched matmul on
    // channel-minor views copies every matrix one by one); the incoming update transposes in the GEMM.
    auto channelMajor = [](const at::Tensor& t) { // [B, R, S, C] -> [B, C, R, S]
        return transposedCopy(t.flatten(1, 2)).view({t.size(0), t.size(3), t.size(1), t.size(2)});
    };
    const at::Tensor left = channelMajor(a), right = channelMajor(b);
    const at::Tensor product = outgoing ? batchedMatmul(left, right.transpose(-1, -2))
                                        : batchedMatmul(left.transpose(-1, -2), right); // [B, C, I, J]
    return transposedCopy(product.flatten(2, 3))
        .view({product.size(0), product.size(2), product.size(3), product.size(1)});
}

} // namespace

EsmFoldTriangleMultiplicativeUpdate::EsmFoldTriangleMultiplicativeUpdate(std::int64_t c, bool outgoing)
    : outgoing_(outgoing) {
    linear_a_p_ = linearChild(*this, "linear_a_p", c, c);
    linear_a_g_ = linearChild(*this, "linear_a_g", c, c);
    linear_b_p_ = linearChild(*this, "linear_b_p", c, c);
    linear_b_g_ = linearChild(*this, "linear_b_g", c, c);
    linear_g_ = linearChild(*this, "linear_g", c, c);
    linear_z_ = linearChild(*this, "linear_z", c, c);
    layer_norm_in_ = child(*this, "layer_norm_in", std::make_shared<LayerNorm>(c, 1e-5));
    layer_norm_out_ = child(*this, "layer_norm_out", std::make_shared<LayerNorm>(c, 1e-5));
}

at::Tensor EsmFoldTriangleMultiplicativeUpdate::forward(const at::Tensor& input,
                                                        const at::Tensor& pairMask) const {
    const at::Tensor mask = pairMask.unsqueeze(-1);
    const at::Tensor z = layer_norm_in_->forward(input);
    const at::Tensor a =
        mask * at::sigmoid(linear_a_g_->forward(z)) * linear_a_p_->forward(z); // [B, I, K, C]
    const at::Tensor b = mask * at::sigmoid(linear_b_g_->forward(z)) * linear_b_p_->forward(z);
    const at::Tensor x = triangleProduct(a, b, outgoing_);
    return linear_z_->forward(layer_norm_out_->forward(x)) * at::sigmoid(linear_g_->forward(z));
}

} // namespace esm::nn
