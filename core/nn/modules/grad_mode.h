// Whether autograd records an operation on these tensors: the speed kernels (oneDNN in place, row
// LayerNorm) have no backward formula, so a layer being trained takes LibTorch's own operation.
#pragma once

#include "core/nn/torch_includes.h"

#include <initializer_list>

namespace esm::nn {

inline bool recordsGradient(std::initializer_list<const at::Tensor*> tensors) {
    if (!at::GradMode::is_enabled())
        return false;
    for (const at::Tensor* t : tensors)
        if (t->defined() && t->requires_grad())
            return true;
    return false;
}

} // namespace esm::nn
