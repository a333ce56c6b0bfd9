// Gradient checkpointing, as torch.utils.checkpoint (reentrant) computes it: a layer runs forward
// without keeping its activations, only its input; the backward pass runs it again with gradients
// recorded and differentiates that. Memory falls from every layer's activations to one layer's, for
// one more forward pass; the gradients are the same, since the recomputation repeats the same
// operations (under the same autocast state).
#pragma once

#include "core/nn/torch_includes.h"

#include <functional>

namespace esm::nn {

// A layer of hidden states x [B, T, H] under an attention mask that takes no gradient.
using LayerFunction = std::function<at::Tensor(const at::Tensor& x, const at::Tensor& mask)>;

// layer(x, mask), checkpointed. `layer` must outlive the backward pass (the model owns it).
at::Tensor checkpointed(const LayerFunction& layer, const at::Tensor& x, const at::Tensor& mask);

} // namespace esm::nn
