// Follows transformers/models/esm/modeling_esmfold.py EsmFoldTriangularSelfAttentionBlock,
// EsmFoldSelfAttention, EsmFoldSequenceToPair, EsmFoldPairToSequence and EsmFoldResidueMLP.
#include "core/nn/fold/trunk_block.h"

#include "core/nn/kernels/small_batched_matmul.h"

#include <cmath>
#include <limits>

namespace esm::nn {

EsmFoldResidueMLP::EsmFoldResidueMLP(std::int64_t dim, std::int64_t inner) {
    auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
    norm_ = child(*mlp, "0", std::make_shared<LayerNorm>(dim, 1e-5));
    in_ = linearChild(*mlp, "1", dim, inner);
    out_ = linearChild(*mlp, "3", inner, dim);
}

at::Tensor EsmFoldResidueMLP::forward(const at::Tensor& x) const {
    return x + out_->forward(at::relu(in_->forward(norm_->forward(x))));
}

EsmFoldSelfAttention::EsmFoldSelfAttention(std::int64_t dim, std::int64_t heads, std::int64_t headWidth)
    : heads_(heads), headWidth_(headWidth) {
    proj_ = linearChild(*this, "proj", dim, dim * 3, false);
    o_proj_ = linearChild(*this, "o_proj", dim, dim);
    g_proj_ = linearChild(*this, "g_proj", dim, dim);
}

at::Tensor EsmFoldSelfAttention::forward(const at::Tensor& x, const at::Tensor& mask,
                                         const at::Tensor& bias) const {
    const auto b = x.size(0), l = x.size(1);
    const auto qkv =
        proj_->forward(x).view({b, l, heads_, -1}).permute({0, 2, 1, 3}).chunk(3, -1); // [B, H, L, w]
    const at::Tensor q = std::pow(static_cast<double>(headWidth_), -0.5) * qkv[0];
    at::Tensor a = batchedMatmul(q, qkv[1].transpose(-1, -2)) + bias.permute({0, 3, 1, 2});
    a = a.masked_fill(mask.unsqueeze(1).unsqueeze(2).eq(0), -std::numeric_limits<double>::infinity());
    a = at::softmax(a, -1);
    at::Tensor y = batchedMatmul(a, qkv[2]).permute({0, 2, 1, 3}).reshape({b, l, -1}); // [B, L, H*w]
    y = at::sigmoid(g_proj_->forward(x)) * y;
    return o_proj_->forward(y);
}

EsmFoldTriangularSelfAttentionBlock::EsmFoldTriangularSelfAttentionBlock(const TrunkConfig& c) {
    const std::int64_t cs = c.sequence_state_dim, cz = c.pairwise_state_dim;
    const std::int64_t sequenceHeads = cs / c.sequence_head_width, pairHeads = cz / c.pairwise_head_width;
    layernorm_1_ = child(*this, "layernorm_1", std::make_shared<LayerNorm>(cs, 1e-5));

    auto s2p = register_module("sequence_to_pair", std::make_shared<torch::nn::Module>());
    s2p_layernorm_ = child(*s2p, "layernorm", std::make_shared<LayerNorm>(cs, 1e-5));
    s2p_proj_ = linearChild(*s2p, "proj", cs, cz); // inner_dim = cz / 2, doubled
    s2p_o_proj_ = linearChild(*s2p, "o_proj", cz, cz);

    auto p2s = register_module("pair_to_sequence", std::make_shared<torch::nn::Module>());
    p2s_layernorm_ = child(*p2s, "layernorm", std::make_shared<LayerNorm>(cz, 1e-5));
    p2s_linear_ = linearChild(*p2s, "linear", cz, sequenceHeads, false);

    seq_attention_ = child(*this, "seq_attention",
                           std::make_shared<EsmFoldSelfAttention>(cs, sequenceHeads, c.sequence_head_width));
    tri_mul_out_ =
        child(*this, "tri_mul_out", std::make_shared<EsmFoldTriangleMultiplicativeUpdate>(cz, true));
    tri_mul_in_ =
        child(*this, "tri_mul_in", std::make_shared<EsmFoldTriangleMultiplicativeUpdate>(cz, false));
    tri_att_start_ =
        child(*this, "tri_att_start",
              std::make_shared<EsmFoldTriangleAttention>(cz, c.pairwise_head_width, pairHeads, true, 1e9));
    tri_att_end_ =
        child(*this, "tri_att_end",
              std::make_shared<EsmFoldTriangleAttention>(cz, c.pairwise_head_width, pairHeads, false, 1e9));
    mlp_seq_ = child(*this, "mlp_seq", std::make_shared<EsmFoldResidueMLP>(cs, 4 * cs));
    mlp_pair_ = child(*this, "mlp_pair", std::make_shared<EsmFoldResidueMLP>(cz, 4 * cz));
}

std::pair<at::Tensor, at::Tensor>
EsmFoldTriangularSelfAttentionBlock::forward(const at::Tensor& s0, const at::Tensor& z0,
                                             const at::Tensor& mask,
                                             std::optional<std::int64_t> chunk) const {
    // Sequence: attention biased by the pair state, then an MLP.
    const at::Tensor bias = p2s_linear_->forward(p2s_layernorm_->forward(z0));
    at::Tensor s = s0 + seq_attention_->forward(layernorm_1_->forward(s0), mask, bias);
    s = mlp_seq_->forward(s);

    // Sequence to pair: outer product and difference of two projections.
    const auto qk = s2p_proj_->forward(s2p_layernorm_->forward(s)).chunk(2, -1);
    const at::Tensor q = qk[0].unsqueeze(1), k = qk[1].unsqueeze(2); // q varies along j, k along i
    at::Tensor z = z0 + s2p_o_proj_->forward(at::cat({q * k, q - k}, -1));

    const at::Tensor pairMask = mask.unsqueeze(2) * mask.unsqueeze(1);
    z = z + tri_mul_out_->forward(z, pairMask);
    z = z + tri_mul_in_->forward(z, pairMask);
    z = z + tri_att_start_->forward(z, pairMask, chunk);
    z = z + tri_att_end_->forward(z, pairMask, chunk);
    return {s, mlp_pair_->forward(z)};
}

} // namespace esm::nn
