// A dense copy of a tensor with its last two axes swapped. LibTorch 1.13's copy of such a view
// reads one element per step across rows, where a tiled transpose reads whole cache lines
// (docs/PERFORMANCE.md).
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// x [..., R, S] (any strides) -> contiguous [..., S, R] with the same values.
at::Tensor transposedCopy(const at::Tensor& x);

} // namespace esm::nn
