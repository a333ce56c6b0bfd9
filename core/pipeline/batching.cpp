#include "core/pipeline/batching.h"

#include <algorithm>
#include <numeric>

namespace esm {

std::vector<std::vector<std::size_t>> planBatches(const std::vector<std::size_t>& lengths,
                                                  std::size_t maxTokensPerBatch) {
    std::vector<std::size_t> order(lengths.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return lengths[a] < lengths[b]; });
    std::vector<std::vector<std::size_t>> batches;
    for (std::size_t index : order) {
        // Sorted ascending, so the newest member is the longest of its batch.
        const bool fits =
            !batches.empty() && (batches.back().size() + 1) * lengths[index] <= maxTokensPerBatch;
        if (fits)
            batches.back().push_back(index);
        else
            batches.push_back({index});
    }
    return batches;
}

} // namespace esm
