#include "core/nn/train/checkpointed_layer.h"

#include "core/nn/train/cpu_autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>

namespace esm::nn {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct Recomputed : public torch::autograd::Function<Recomputed> {
    static at::Tensor forward(AutogradContext* context, const at::Tensor& x, const at::Tensor& mask,
                              const LayerFunction* layer) {
        context->saved_data["layer"] = reinterpret_cast<std::int64_t>(layer);
        context->saved_data["mask"] = mask;
        context->saved_data["autocast"] = at::autocast::is_cpu_enabled();
        context->save_for_backward({x});
        return (*layer)(x, mask); // Function::forward runs with gradients off: nothing inside is kept
    }

    static variable_list backward(AutogradContext* context, variable_list gradients) {
        const auto* layer = reinterpret_cast<const LayerFunction*>(context->saved_data["layer"].toInt());
        const at::Tensor x = context->get_saved_variables()[0].detach().requires_grad_(true);
        at::Tensor y;
        {
            const at::AutoGradMode recording(true);
            const CpuAutocast autocast(context->saved_data["autocast"].toBool());
            y = (*layer)(x, context->saved_data["mask"].toTensor());
        }
        // Reentrant, as torch.utils.checkpoint: the layer's parameters receive their gradients here.
        torch::autograd::backward({y}, {gradients[0]});
        return {x.grad(), at::Tensor(), at::Tensor()};
    }
};

} // namespace

at::Tensor checkpointed(const LayerFunction& layer, const at::Tensor& x, const at::Tensor& mask) {
    // With a frozen input (LoRA, or frozen embeddings) the output would not require gradients and
    // the backward pass would skip the layer and its adapters (HF's enable_input_require_grads).
    return Recomputed::apply(x.requires_grad() ? x : x.detach().requires_grad_(true), mask, &layer);
}

} // namespace esm::nn
