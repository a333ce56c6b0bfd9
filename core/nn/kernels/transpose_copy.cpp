#include "core/nn/kernels/transpose_copy.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>

namespace esm::nn {
namespace {

// Tiles of 32 x 32 elements: source rows and destination rows of one tile stay in L1.
constexpr std::int64_t kTile = 32;

// Elements are moved as raw bits, so one routine serves every type of the same width.
template <typename Bits>
void transposeTiles(const Bits* in, Bits* out, std::int64_t matrices, std::int64_t rows, std::int64_t cols) {
    const std::int64_t rowTiles = (rows + kTile - 1) / kTile, colTiles = (cols + kTile - 1) / kTile;
    const std::int64_t tilesPerMatrix = rowTiles * colTiles;
    at::parallel_for(0, matrices * tilesPerMatrix, 16, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t t = begin; t < end; ++t) {
            const std::int64_t matrix = t / tilesPerMatrix, index = t % tilesPerMatrix;
            const std::int64_t r0 = index / colTiles * kTile, c0 = index % colTiles * kTile;
            const std::int64_t r1 = std::min(rows, r0 + kTile), c1 = std::min(cols, c0 + kTile);
            const Bits* src = in + matrix * rows * cols;
            Bits* dst = out + matrix * rows * cols;
            // Through a tile on the stack, so both sides are read and written a row at a time: a
            // destination row is `rows` elements long, and writing a column of them straight away
            // hits the same few cache sets on every row once `rows` is a power of two.
            Bits tile[kTile][kTile];
            for (std::int64_t r = r0; r < r1; ++r)
                for (std::int64_t c = c0; c < c1; ++c)
                    tile[c - c0][r - r0] = src[r * cols + c];
            for (std::int64_t c = c0; c < c1; ++c)
                std::copy(tile[c - c0], tile[c - c0] + (r1 - r0), dst + c * rows + r0);
        }
    });
}

} // namespace

at::Tensor transposedCopy(const at::Tensor& x) {
    const at::Tensor input = x.contiguous();
    at::Tensor out = at::empty(x.transpose(-1, -2).sizes(), x.options());
    const std::int64_t rows = x.size(-2), cols = x.size(-1);
    const std::int64_t matrices = rows * cols == 0 ? 0 : x.numel() / (rows * cols);
    switch (x.element_size()) {
    case 4:
        transposeTiles(static_cast<const std::uint32_t*>(input.data_ptr()),
                       static_cast<std::uint32_t*>(out.data_ptr()), matrices, rows, cols);
        break;
    case 2:
        transposeTiles(static_cast<const std::uint16_t*>(input.data_ptr()),
                       static_cast<std::uint16_t*>(out.data_ptr()), matrices, rows, cols);
        break;
    default:
        out.copy_(x.transpose(-1, -2));
    }
    return out;
}

} // namespace esm::nn
