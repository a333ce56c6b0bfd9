// Batched products of small float32 matrices on every thread. ESMFold's triangular attention
// multiplies thousands of 64 x 32 by 32 x 64 matrices per block; LibTorch 1.13 hands them to
// OpenBLAS one after the other, and OpenBLAS runs products that small on one thread, whatever the
// thread count (docs/PERFORMANCE.md).
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// Whether smallBatchedMatmul takes a [..., M, K] x b [..., K, N]: CPU float32, the same batch shape
// (no broadcasting), at least two products, each of at most 128^3 multiply-adds.
bool smallBatchedMatmulApplies(const at::Tensor& a, const at::Tensor& b);

// at::matmul(a, b) for what smallBatchedMatmulApplies takes (any strides), contiguous [..., M, N].
at::Tensor smallBatchedMatmul(const at::Tensor& a, const at::Tensor& b);

// smallBatchedMatmul where it applies, at::matmul elsewhere.
at::Tensor batchedMatmul(const at::Tensor& a, const at::Tensor& b);

} // namespace esm::nn
