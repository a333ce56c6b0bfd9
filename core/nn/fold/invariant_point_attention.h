// Invariant point attention (AlphaFold Algorithm 22): attention over residues from scalar
// features, the pair representation and 3-D points expressed in each residue's frame.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/fold/rigid.h"
#include "core/nn/modules/linear.h"

namespace esm::nn {

class EsmFoldInvariantPointAttention : public torch::nn::Module {
  public:
    explicit EsmFoldInvariantPointAttention(const StructureModuleConfig& config);
    // s: [B, N, Cs], z: [B, N, N, Cz], r: [B, N] frames, mask: [B, N] -> update of s
    at::Tensor forward(const at::Tensor& s, const at::Tensor& z, const Rigid& r,
                       const at::Tensor& mask) const;

  private:
    // Points from a linear layer, split into 3 coordinate blocks and moved into the global frame.
    at::Tensor globalPoints(const LinearLayer& linear, const at::Tensor& s, const Rigid& r,
                            std::int64_t points) const;

    LinearRef linear_q_, linear_kv_, linear_q_points_, linear_kv_points_, linear_b_, linear_out_;
    at::Tensor head_weights_;
    StructureModuleConfig c_;
};

} // namespace esm::nn
