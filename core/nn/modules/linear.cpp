// Follows torch.nn.Linear; the swap follows torch.ao.quantization's module replacement.
#include "core/nn/modules/linear.h"

#include "core/nn/kernels/onednn_linear.h"
#include "core/nn/modules/grad_mode.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace esm::nn {

at::Tensor denseLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
    return oneDnnLinearApplies(x, weight) && !recordsGradient({&x, &weight, &bias})
               ? oneDnnLinear(x, weight, bias)
               : at::linear(x, weight, bias);
}

Linear::Linear(std::int64_t in, std::int64_t out, bool bias) {
    weight_ = emptyParameter(*this, "weight", {out, in});
    if (bias)
        bias_ = emptyParameter(*this, "bias", {out});
}

at::Tensor Linear::forward(const at::Tensor& x) const {
    at::Tensor y = denseLinear(x, weight_, bias_);
    if (lora_)
        y = y + lora_->forward(x);
    return y;
}

at::Tensor Linear::Lora::forward(const at::Tensor& x) const {
    return B->forward(A->forward(x)) * scaling;
}

void Linear::addLora(std::int64_t rank, double alpha, at::Generator generator) {
    if (lora_)
        throw std::logic_error("the layer has a LoRA adapter already");
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

LinearRef linearChild(torch::nn::Module& parent, const std::string& name, std::int64_t in, std::int64_t out,
                      bool bias) {
    auto layer = parent.register_module(name, std::make_shared<Linear>(in, out, bias));
    LinearRef ref;
    ref.slot_ = std::make_shared<std::shared_ptr<LinearLayer>>(layer);
    layer->slot_ = ref.slot_;
    return ref;
}

torch::nn::Module* moduleAt(torch::nn::Module& root, const std::string& path) {
    torch::nn::Module* module = &root;
    std::size_t from = 0;
    while (module && from <= path.size()) {
        const auto dot = std::min(path.find('.', from), path.size());
        const auto children = module->named_children();
        const auto* next = children.find(path.substr(from, dot - from));
        module = next ? next->get() : nullptr;
        from = dot + 1;
    }
    return module;
}

void replaceLinear(torch::nn::Module& root, const std::string& path,
                   std::shared_ptr<LinearLayer> replacement) {
    const auto dot = path.rfind('.');
    const std::string name = dot == std::string::npos ? path : path.substr(dot + 1);
    torch::nn::Module* parent = dot == std::string::npos ? &root : moduleAt(root, path.substr(0, dot));
    auto* layer = parent ? dynamic_cast<LinearLayer*>(moduleAt(*parent, name)) : nullptr;
    if (!layer || !layer->slot_)
        throw std::logic_error("'" + path + "' is not a Linear layer held through a LinearRef");
    replacement->slot_ = layer->slot_;
    *replacement->slot_ = replacement; // the old layer is freed once no caller holds it
    parent->replace_module(name, std::move(replacement));
}

} // namespace esm::nn
