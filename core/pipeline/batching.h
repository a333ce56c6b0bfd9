// Groups sequences of different lengths into padded batches under a token budget.
#pragma once

#include <cstddef>
#include <vector>

namespace esm {

// Indices of `lengths` sorted by length and cut into batches whose padded size
// (count x longest) stays within `maxTokensPerBatch`; a sequence longer than the budget gets a
// batch of its own.
std::vector<std::vector<std::size_t>> planBatches(const std::vector<std::size_t>& lengths,
                                                  std::size_t maxTokensPerBatch);

} // namespace esm
