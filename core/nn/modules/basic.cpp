// Follows torch.nn.LayerNorm / Embedding.
#include "core/nn/modules/basic.h"

#include "core/nn/kernels/row_layer_norm.h"
#include "core/nn/modules/grad_mode.h"

#include <ATen/autocast_mode.h>

#include <cmath>

namespace esm::nn {

at::Tensor& emptyParameter(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape) {
    return module.register_parameter(name, at::empty(shape), /*requires_grad=*/false);
}

at::Tensor& emptyBuffer(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape,
                        at::ScalarType type) {
    return module.register_buffer(name, at::empty(shape, at::TensorOptions().dtype(type)));
}

LayerNorm::LayerNorm(std::int64_t dim, double eps) : eps_(eps) {
    weight_ = emptyParameter(*this, "weight", {dim});
    bias_ = emptyParameter(*this, "bias", {dim});
}

at::Tensor LayerNorm::forward(const at::Tensor& x) const {
    if (rowLayerNormApplies(x) && !recordsGradient({&x, &weight_, &bias_}))
        return rowLayerNorm(x, weight_, bias_, eps_);
    return at::layer_norm(x, {weight_.size(0)}, weight_, bias_, eps_);
}

Embedding::Embedding(std::int64_t count, std::int64_t dim) {
    weight_ = emptyParameter(*this, "weight", {count, dim});
}

at::Tensor Embedding::forward(const at::Tensor& indices) const {
    return at::embedding(weight_, indices);
}

at::Tensor exactGelu(const at::Tensor& x) {
    // bfloat16 training (autocast; checkpointed layers run part of it with gradients off) has no
    // bit-exact reference to follow: LibTorch's one-pass GELU (the same erf formula, rounded once)
    // spares five bfloat16 passes and their backward.
    if (x.scalar_type() == at::kBFloat16 && at::autocast::is_cpu_enabled())
        return at::gelu(x);
    return x * 0.5 * (1.0 + at::erf(x / std::sqrt(2.0)));
}

} // namespace esm::nn
