// Batches of token ids in and per-example rows out, for every model run of the pipeline: sequences
// padded to the longest with their attention mask, and one example's rows taken back out of a
// batch's output without <cls>, <eos> or padding.
#pragma once

#include "core/nn/torch_includes.h"

#include <utility>
#include <vector>

namespace esm {

// ids [B, T] (int64) padded with `padId` to the longest sequence, and the mask [B, T]: 1 on tokens.
std::pair<at::Tensor, at::Tensor> padTokenIds(const std::vector<std::vector<long>>& batch, long padId);

// One example's output row of a batch as float32 rows: the row itself when it is one vector (a
// sequence head's), else one row per residue, the positions 1 .. tokens - 2 of `tokens` ids.
std::vector<std::vector<float>> exampleRows(const at::Tensor& row, std::size_t tokens);

} // namespace esm
