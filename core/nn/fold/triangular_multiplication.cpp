// Follows transformers/models/esm/modeling_esmfold.py EsmFoldTriangleMultiplicativeUpdate.forward.
#include "core/nn/fold/triangular_multiplication.h"

namespace esm::nn {

EsmFoldTriangleMultiplicativeUpdate::EsmFoldTriangleMultiplicativeUpdate(std::int64_t c, bool outgoing)
    : outgoing_(outgoing) {
    linear_a_p_ = child(*this, "linear_a_p", std::make_shared<Linear>(c, c));
    linear_a_g_ = child(*this, "linear_a_g", std::make_shared<Linear>(c, c));
    linear_b_p_ = child(*this, "linear_b_p", std::make_shared<Linear>(c, c));
    linear_b_g_ = child(*this, "linear_b_g", std::make_shared<Linear>(c, c));
    linear_g_ = child(*this, "linear_g", std::make_shared<Linear>(c, c));
    linear_z_ = child(*this, "linear_z", std::make_shared<Linear>(c, c));
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
    // Outgoing: x_ij = sum_k a_ik b_jk; incoming: x_ij = sum_k a_ki b_kj; one matmul per channel.
    const at::Tensor left = outgoing_ ? a.permute({0, 3, 1, 2}) : a.permute({0, 3, 2, 1});
    const at::Tensor right = outgoing_ ? b.permute({0, 3, 2, 1}) : b.permute({0, 3, 1, 2});
    const at::Tensor x = at::matmul(left, right).permute({0, 2, 3, 1}); // [B, I, J, C]
    return linear_z_->forward(layer_norm_out_->forward(x)) * at::sigmoid(linear_g_->forward(z));
}

} // namespace esm::nn
