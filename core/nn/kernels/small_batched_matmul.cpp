#include "core/nn/kernels/small_batched_matmul.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace esm::nn {
namespace {

// Up to ESMFold's products at 128 residues; OpenBLAS threads larger ones itself.
constexpr std::int64_t kLargestProduct = 128 * 128 * 128;
// 16 floats: one AVX-512 register, two AVX2 ones.
constexpr std::int64_t kWidth = 16;
typedef float Vector __attribute__((vector_size(kWidth * sizeof(float))));
// The same, at any float's address (the packed rows are a std::vector's).
typedef float UnalignedVector __attribute__((vector_size(kWidth * sizeof(float)), aligned(alignof(float))));

struct Matrix {
    const float* data;
    std::int64_t rowStride, columnStride;
    float at(std::int64_t row, std::int64_t column) const {
        return data[row * rowStride + column * columnStride];
    }
};

// `rows` rows of C [M, columns] from A's rows and B packed as [K, columns] in whole vectors:
// each row keeps two vectors of sums in registers while k runs, so B's vectors load once per k for
// all the rows.
template <int rows>
__attribute__((target_clones("avx512f", "avx2", "default"))) void
productRows(const Matrix& a, std::int64_t row0, const float* packed, std::int64_t depth, std::int64_t vectors,
            float* c, std::int64_t columns) {
    for (std::int64_t v = 0; v < vectors; v += 2) {
        const bool pair = v + 1 < vectors;
        Vector sums[rows][2] = {};
        for (std::int64_t k = 0; k < depth; ++k) {
            const UnalignedVector* row =
                reinterpret_cast<const UnalignedVector*>(packed + k * vectors * kWidth) + v;
            const Vector b0 = row[0], b1 = pair ? row[1] : Vector{};
            for (int r = 0; r < rows; ++r) {
                const float x = a.at(row0 + r, k);
                sums[r][0] += x * b0;
                sums[r][1] += x * b1;
            }
        }
        const std::int64_t first = v * kWidth, last = std::min(columns, first + (pair ? 2 : 1) * kWidth);
        for (int r = 0; r < rows; ++r) {
            const float* lanes = reinterpret_cast<const float*>(sums[r]);
            std::copy(lanes, lanes + (last - first), c + (row0 + r) * columns + first);
        }
    }
}

// One product: B packed into `packed` (zero beyond N), then C four rows at a time.
void product(const Matrix& a, const Matrix& b, std::int64_t m, std::int64_t k, std::int64_t n, float* c,
             std::vector<float>& packed) {
    const std::int64_t vectors = (n + kWidth - 1) / kWidth;
    packed.assign(static_cast<std::size_t>(k * vectors * kWidth), 0.0f);
    for (std::int64_t i = 0; i < k; ++i)
        for (std::int64_t j = 0; j < n; ++j)
            packed[static_cast<std::size_t>(i * vectors * kWidth + j)] = b.at(i, j);
    std::int64_t row = 0;
    for (; row + 4 <= m; row += 4)
        productRows<4>(a, row, packed.data(), k, vectors, c, n);
    for (; row < m; ++row)
        productRows<1>(a, row, packed.data(), k, vectors, c, n);
}

// Element offset of batch item `index` (row-major over the batch axes) in a tensor of those strides.
std::int64_t batchOffset(std::int64_t index, at::IntArrayRef sizes, at::IntArrayRef strides) {
    std::int64_t offset = 0;
    for (std::int64_t axis = static_cast<std::int64_t>(sizes.size()) - 3; axis >= 0; --axis) {
        offset += index % sizes[axis] * strides[axis];
        index /= sizes[axis];
    }
    return offset;
}

} // namespace

bool smallBatchedMatmulApplies(const at::Tensor& a, const at::Tensor& b) {
    if (!a.is_cpu() || !b.is_cpu() || a.scalar_type() != at::kFloat || b.scalar_type() != at::kFloat ||
        a.dim() < 3 || a.dim() != b.dim() ||
        a.sizes().slice(0, a.dim() - 2) != b.sizes().slice(0, b.dim() - 2) || a.size(-1) != b.size(-2))
        return false;
    const std::int64_t products = a.numel() == 0 ? 0 : a.numel() / (a.size(-2) * a.size(-1));
    return products >= 2 && a.size(-2) * a.size(-1) * b.size(-1) <= kLargestProduct;
}

at::Tensor smallBatchedMatmul(const at::Tensor& a, const at::Tensor& b) {
    const std::int64_t m = a.size(-2), k = a.size(-1), n = b.size(-1);
    std::vector<std::int64_t> shape = a.sizes().vec();
    shape.back() = n;
    at::Tensor c = at::empty(shape, a.options());
    const std::int64_t products = m * n == 0 ? 0 : c.numel() / (m * n);
    const float* aData = a.data_ptr<float>();
    const float* bData = b.data_ptr<float>();
    float* cData = c.data_ptr<float>();
    // About 64^3 multiply-adds per task: enough to hide a thread's start.
    const std::int64_t grain =
        std::max<std::int64_t>(1, kLargestProduct / std::max<std::int64_t>(1, m * n * k));
    at::parallel_for(0, products, grain, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> packed;
        for (std::int64_t p = begin; p < end; ++p) {
            const Matrix left{aData + batchOffset(p, a.sizes(), a.strides()), a.stride(-2), a.stride(-1)};
            const Matrix right{bData + batchOffset(p, b.sizes(), b.strides()), b.stride(-2), b.stride(-1)};
            product(left, right, m, k, n, cData + p * m * n, packed);
        }
    });
    return c;
}

at::Tensor batchedMatmul(const at::Tensor& a, const at::Tensor& b) {
    return smallBatchedMatmulApplies(a, b) ? smallBatchedMatmul(a, b) : at::matmul(a, b);
}

} // namespace esm::nn
