// Softmax of rows held in cache, for kernels that produce a row and normalise it before moving on
// (smallBatchedMatmul's attention weights) rather than in a pass of their own over memory.
#pragma once

#include <cstdint>

namespace esm::nn {

// Each of `count` rows of `width` floats (row r at rows + r * width) becomes its softmax:
// e^(x - max) / sum, with e^x to about 1 ulp (LibTorch's Sleef exp is within 1 ulp too).
void softmaxRowsInPlace(float* rows, std::int64_t count, std::int64_t width);

} // namespace esm::nn
