// Triangular multiplicative update, outgoing or incoming edges (AlphaFold Algorithms 11 and 12).
#pragma once

#include "core/nn/modules/linear.h"

namespace esm::nn {

class EsmFoldTriangleMultiplicativeUpdate : public torch::nn::Module {
  public:
    EsmFoldTriangleMultiplicativeUpdate(std::int64_t c_z, bool outgoing);
    // z: [B, N, N, C], mask: [B, N, N] -> the update (not added to z)
    at::Tensor forward(const at::Tensor& z, const at::Tensor& mask) const;

  private:
    LinearRef linear_a_p_, linear_a_g_, linear_b_p_, linear_b_g_, linear_g_, linear_z_;
    std::shared_ptr<LayerNorm> layer_norm_in_, layer_norm_out_;
    bool outgoing_;
};

} // namespace esm::nn
