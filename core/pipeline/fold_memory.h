// How much memory an ESMFold run needs beyond its weights, from the model's dimensions: the pair
// representation (N^2), triangular attention scores (N^3, or chunk x N^2) and the stem's states.
#pragma once

#include "core/nn/checkpoint/hf_config.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace esm {

// Peak bytes of activations for one padded batch of these lengths (linkers included).
std::size_t estimateFoldActivations(const EsmConfig& config, const std::vector<std::size_t>& lengths,
                                    std::size_t elementSize, std::optional<std::int64_t> chunkSize);

} // namespace esm
