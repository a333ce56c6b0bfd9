// One block of the ESMFold folding trunk (EsmFoldTriangularSelfAttentionBlock): sequence attention
// biased by the pair state, then triangular updates and attentions on the pair state.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/fold/triangular_attention.h"
#include "core/nn/fold/triangular_multiplication.h"

namespace esm::nn {

// A LayerNorm -> Linear -> ReLU -> Linear residual MLP stored as nn.Sequential ("mlp.0", "mlp.1", "mlp.3").
class EsmFoldResidueMLP : public torch::nn::Module {
  public:
    EsmFoldResidueMLP(std::int64_t dim, std::int64_t inner);
    at::Tensor forward(const at::Tensor& x) const;

  private:
    std::shared_ptr<LayerNorm> norm_;
    LinearRef in_, out_;
};

class EsmFoldSelfAttention : public torch::nn::Module {
  public:
    EsmFoldSelfAttention(std::int64_t dim, std::int64_t heads, std::int64_t headWidth);
    // x: [B, L, C], mask: [B, L] (1 = residue), bias: [B, L, L, heads]
    at::Tensor forward(const at::Tensor& x, const at::Tensor& mask, const at::Tensor& bias) const;

  private:
    LinearRef proj_, o_proj_, g_proj_;
    std::int64_t heads_, headWidth_;
};

class EsmFoldTriangularSelfAttentionBlock : public torch::nn::Module {
  public:
    explicit EsmFoldTriangularSelfAttentionBlock(const TrunkConfig& config);
    // s: [B, L, Cs], z: [B, L, L, Cz], mask: [B, L] -> updated (s, z)
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& s, const at::Tensor& z,
                                              const at::Tensor& mask,
                                              std::optional<std::int64_t> chunk) const;

  private:
    std::shared_ptr<LayerNorm> layernorm_1_, s2p_layernorm_, p2s_layernorm_;
    LinearRef s2p_proj_, s2p_o_proj_, p2s_linear_;
    std::shared_ptr<EsmFoldSelfAttention> seq_attention_;
    std::shared_ptr<EsmFoldTriangleMultiplicativeUpdate> tri_mul_out_, tri_mul_in_;
    std::shared_ptr<EsmFoldTriangleAttention> tri_att_start_, tri_att_end_;
    std::shared_ptr<EsmFoldResidueMLP> mlp_seq_, mlp_pair_;
};

} // namespace esm::nn
