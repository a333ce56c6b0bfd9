// Follows transformers/models/esm/modeling_esmfold.py EsmFoldInvariantPointAttention.
#include "core/nn/fold/invariant_point_attention.h"

#include <cmath>

namespace esm::nn {

EsmFoldInvariantPointAttention::EsmFoldInvariantPointAttention(const StructureModuleConfig& c) : c_(c) {
    const std::int64_t cs = c.sequence_dim, cz = c.pairwise_dim, h = c.num_heads_ipa, hc = c.ipa_dim * h;
    linear_q_ = linearChild(*this, "linear_q", cs, hc);
    linear_kv_ = linearChild(*this, "linear_kv", cs, 2 * hc);
    linear_q_points_ = linearChild(*this, "linear_q_points", cs, h * c.num_qk_points * 3);
    linear_kv_points_ =
        linearChild(*this, "linear_kv_points", cs, h * (c.num_qk_points + c.num_v_points) * 3);
    linear_b_ = linearChild(*this, "linear_b", cz, h);
    head_weights_ = emptyParameter(*this, "head_weights", {h});
    linear_out_ = linearChild(*this, "linear_out", h * (cz + c.ipa_dim + c.num_v_points * 4), cs);
}

at::Tensor EsmFoldInvariantPointAttention::globalPoints(const LinearLayer& linear, const at::Tensor& s,
                                                        const Rigid& r, std::int64_t points) const {
    const at::Tensor raw = linear.forward(s);               // [B, N, H * P * 3] as three blocks x | y | z
    const at::Tensor xyz = at::stack(raw.chunk(3, -1), -1); // [B, N, H * P, 3]
    const at::Tensor global = r.unsqueeze(-1).apply(xyz);
    return global.view({s.size(0), s.size(1), c_.num_heads_ipa, points, 3}); // [B, N, H, P, 3]
}

at::Tensor EsmFoldInvariantPointAttention::forward(const at::Tensor& s, const at::Tensor& z, const Rigid& r,
                                                   const at::Tensor& mask) const {
    const std::int64_t b = s.size(0), n = s.size(1), h = c_.num_heads_ipa, ch = c_.ipa_dim;
    const at::Tensor q = linear_q_->forward(s).view({b, n, h, ch});
    const auto kv = linear_kv_->forward(s).view({b, n, h, 2 * ch}).split(ch, -1);
    const at::Tensor &k = kv[0], &v = kv[1];
    const at::Tensor qPoints = globalPoints(*linear_q_points_, s, r, c_.num_qk_points);
    const at::Tensor kvPoints = globalPoints(*linear_kv_points_, s, r, c_.num_qk_points + c_.num_v_points);
    const auto kvSplit = kvPoints.split({c_.num_qk_points, c_.num_v_points}, -2);
    const at::Tensor &kPoints = kvSplit[0], &vPoints = kvSplit[1];

    // Scalar and pair terms: [B, H, N, N]
    at::Tensor a = at::matmul(q.permute({0, 2, 1, 3}), k.permute({0, 2, 3, 1}));
    a = a * std::sqrt(1.0 / (3 * ch));
    a = a + std::sqrt(1.0 / 3) * linear_b_->forward(z).permute({0, 3, 1, 2});

    // Point term: squared distances between query and key points, weighted per head.
    at::Tensor distance = (qPoints.unsqueeze(-4) - kPoints.unsqueeze(-5)).pow(2); // [B, N, N, H, P, 3]
    const auto xyz = distance.unbind(-1);
    distance = xyz[0] + xyz[1] + xyz[2];
    const at::Tensor headWeights = at::softplus(head_weights_).view({1, 1, 1, h, 1}) *
                                   std::sqrt(1.0 / (3 * (c_.num_qk_points * 9.0 / 2)));
    const at::Tensor pointTerm = (distance * headWeights).sum(-1) * (-0.5); // [B, N, N, H]
    const at::Tensor squareMask = c_.inf * (mask.unsqueeze(-1) * mask.unsqueeze(-2) - 1);
    a = a + pointTerm.permute({0, 3, 1, 2});
    a = at::softmax(a + squareMask.unsqueeze(-3), -1); // [B, H, N, N]

    const at::Tensor o = at::matmul(a, v.transpose(-2, -3).to(a.scalar_type())).transpose(-2, -3).flatten(-2);
    // Value points: attention-weighted, then back into each residue's own frame.
    at::Tensor oPoints = at::matmul(a.unsqueeze(-3), vPoints.permute({0, 2, 4, 1, 3})); // [B, H, 3, N, Pv]
    oPoints = oPoints.permute({0, 3, 1, 4, 2});                                         // [B, N, H, Pv, 3]
    oPoints = r.unsqueeze(-1).unsqueeze(-1).invert_apply(oPoints);
    const at::Tensor oPointNorms =
        at::sqrt(oPoints.pow(2).sum(-1) + c_.epsilon).flatten(-2); // [B, N, H * Pv]
    oPoints = oPoints.reshape({b, n, -1, 3});
    const at::Tensor oPair =
        at::matmul(a.transpose(-2, -3), z.to(a.scalar_type())).flatten(-2); // [B, N, H * Cz]

    const auto pointXyz = oPoints.unbind(-1);
    return linear_out_->forward(
        at::cat({o, pointXyz[0], pointXyz[1], pointXyz[2], oPointNorms, oPair}, -1).to(z.scalar_type()));
}

} // namespace esm::nn
