// Random weights of real model shapes, for benchmarks (no checkpoint needed).
#pragma once

#include "core/nn/loading/state_dict_loader.h"

namespace esm::nn {

// LayerNorm-like 1-D "weight"s become 1, other 1-D tensors 0, matrices N(0, 0.02); floating
// buffers keep their values, converted to `type`.
void fillWithRandomWeights(torch::nn::Module& module, at::ScalarType type, std::uint64_t seed);

// The same values, arriving as loadStateDict delivers a checkpoint's: each parameter in
// options.parameterType's type (else options.compute.dtype), options.afterLoad called after each,
// so a benchmark's model passes through the memory a real load does.
void fillWithRandomWeights(torch::nn::Module& module, const LoadOptions& options, std::uint64_t seed);

} // namespace esm::nn
