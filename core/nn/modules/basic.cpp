// Follows torch.nn.Linear / LayerNorm / Embedding.
#include "core/nn/modules/basic.h"

#include "core/nn/kernels/half_weights.h"
#include "core/nn/kernels/int8_linear.h"
#include "core/nn/kernels/onednn_linear.h"
#include "core/nn/kernels/row_layer_norm.h"
#include "core/nn/modules/grad_mode.h"

#include <ATen/autocast_mode.h>

#include <cmath>
#include <stdexcept>

namespace esm::nn {

at::Tensor& emptyParameter(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape) {
    return module.register_parameter(name, at::empty(shape), /*requires_grad=*/false);
}

at::Tensor& emptyBuffer(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape,
                        at::ScalarType type) {
    return module.register_buffer(name, at::empty(shape, at::TensorOptions().dtype(type)));
}

Linear::Linear(std::int64_t in, std::int64_t out, bool bias) {
    weight_ = emptyParameter(*this, "weight", {out, in});
    if (bias)
        bias_ = emptyParameter(*this, "bias", {out});
}

at::Tensor Linear::forward(const at::Tensor& x) const {
    if (int8_)
        return int8_->forward(x).to(x.scalar_type());
    if (packed_)
        return packed_->forward(x);
    // float16 storage (EncoderLinear::Float16) widened for this product only. Widening in slices
    // of output channels, each multiplied while in cache, was slower (docs/PERFORMANCE.md): the block
    // cache already serves the whole one.
    const at::Tensor weight =
        weight_.scalar_type() == at::kHalf && x.scalar_type() == at::kFloat ? widenHalf(weight_) : weight_;
    at::Tensor y = oneDnnLinearApplies(x, weight) && !recordsGradient({&x, &weight, &bias_})
                       ? oneDnnLinear(x, weight, bias_)
                       : at::linear(x, weight, bias_);
    if (lora_)
        y = y + lora_->forward(x);
    return y;
}

at::Tensor Linear::Lora::forward(const at::Tensor& x) const {
    return B->forward(A->forward(x)) * scaling;
}

void Linear::addLora(std::int64_t rank, double alpha, at::Generator generator) {
    if (lora_ || int8_ || packed_ || weight_.scalar_type() == at::kHalf)
        throw std::logic_error("LoRA needs a plain floating-point layer without an adapter");
    auto A = std::make_shared<Linear>(inFeatures(), rank, false);
    auto B = std::make_shared<Linear>(rank, outFeatures(), false);
    const double bound = 1.0 / std::sqrt(static_cast<double>(inFeatures())); // kaiming_uniform_(a = sqrt 5)
    A->weight_.set_data(
        at::empty({rank, inFeatures()}, weight_.options()).uniform_(-bound, bound, generator));
    B->weight_.set_data(at::zeros({outFeatures(), rank}, weight_.options()));
    lora_ = std::make_shared<const Lora>(
        Lora{child(*this, "lora_A", A), child(*this, "lora_B", B), alpha / static_cast<double>(rank)});
}

void Linear::mergeLora() {
    if (!lora_)
        return;
    {
        at::NoGradGuard noGrad;
        weight_.add_(at::matmul(lora_->B->weight(), lora_->A->weight()) * lora_->scaling);
    }
    unregister_module("lora_A");
    unregister_module("lora_B");
    lora_.reset();
}

void Linear::useInt8() {
    if (int8_)
        return; // already int8: its weight now holds the int8 values
    int8_ = std::make_shared<const Int8LinearWeights>(weight_, bias_);
    // The float weights are not read again: the parameter holds the int8 values instead (a quarter
    // of the bytes, and what the model's parameter and memory counts should see).
    weight_.set_data(int8_->values());
}

bool Linear::usePackedWeights(std::int64_t minFeatures) {
    if (packed_)
        return true;
    if (int8_ || !packedLinearApplies(weight_, minFeatures))
        return false;
    packed_ = std::make_shared<const PackedLinearWeights>(weight_, bias_);
    // One element broadcast to the weight's shape: parameter and byte counts stay those of the model,
    // and the dense copy is freed.
    weight_.set_data(at::zeros({1}, weight_.options()).expand(weight_.sizes()));
    return true;
}

void Linear::useHalfWeights() {
    if (!int8_ && !packed_ && weight_.scalar_type() != at::kHalf)
        weight_.set_data(weight_.to(at::kHalf));
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
