#include "core/pipeline/token_batches.h"

#include <algorithm>

namespace esm {

std::pair<at::Tensor, at::Tensor> padTokenIds(const std::vector<std::vector<long>>& batch, long padId) {
    std::size_t longest = 0;
    for (const auto& ids : batch)
        longest = std::max(longest, ids.size());
    const auto b = static_cast<std::int64_t>(batch.size()), t = static_cast<std::int64_t>(longest);
    at::Tensor ids = at::full({b, t}, padId, at::kLong);
    at::Tensor mask = at::zeros({b, t}, at::kLong);
    for (std::int64_t i = 0; i < b; ++i) {
        const auto& row = batch[static_cast<std::size_t>(i)];
        const auto n = static_cast<std::int64_t>(row.size());
        ids[i].slice(0, 0, n).copy_(at::tensor(std::vector<std::int64_t>(row.begin(), row.end()), at::kLong));
        mask[i].slice(0, 0, n).fill_(1);
    }
    return {ids, mask};
}

std::vector<std::vector<float>> exampleRows(const at::Tensor& row, std::size_t tokens) {
    auto values = [](const at::Tensor& v) {
        const at::Tensor c = v.to(at::kFloat).contiguous();
        return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    };
    if (row.dim() == 1)
        return {values(row)};
    std::vector<std::vector<float>> rows;
    for (std::int64_t r = 1; r + 1 < static_cast<std::int64_t>(tokens); ++r)
        rows.push_back(values(row[r]));
    return rows;
}

} // namespace esm
