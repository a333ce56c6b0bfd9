#include "core/nn/modules/small_batched_matmul.h"

#include "core/nn/modules/row_softmax.h"

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

// Matrices added to C as it is stored, in order (the attention's biases).
struct Addends {
    const Matrix* matrices;
    std::size_t count;
};

// `rows` rows of C [M, columns] from A's rows and B packed as [K, columns] in whole vectors:
// each row keeps two vectors of sums in registers while k runs, so B's vectors load once per k for
// all the rows.
template <int rows>
__attribute__((target_clones("avx512f", "avx2", "default"))) void
productRows(const Matrix& a, std::int64_t row0, const float* packed, std::int64_t depth, std::int64_t vectors,
            float* c, std::int64_t columns, const Addends& addends) {
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
            float* out = c + (row0 + r) * columns;
            std::copy(lanes, lanes + (last - first), out + first);
            for (std::size_t t = 0; t < addends.count; ++t)
                for (std::int64_t j = first; j < last; ++j)
                    out[j] += addends.matrices[t].at(row0 + r, j);
        }
    }
}

// One product: B packed into `packed` (zero beyond N), then C four rows at a time, each set of rows
// turned into its softmax (when asked) while it is in cache.
void product(const Matrix& a, const Matrix& b, const Addends& addends, bool softmax, std::int64_t m,
             std::int64_t k, std::int64_t n, float* c, std::vector<float>& packed) {
    const std::int64_t vectors = (n + kWidth - 1) / kWidth;
    packed.assign(static_cast<std::size_t>(k * vectors * kWidth), 0.0f);
    for (std::int64_t i = 0; i < k; ++i)
        for (std::int64_t j = 0; j < n; ++j)
            packed[static_cast<std::size_t>(i * vectors * kWidth + j)] = b.at(i, j);
    std::int64_t row = 0;
    for (; row + 4 <= m; row += 4) {
        productRows<4>(a, row, packed.data(), k, vectors, c, n, addends);
        if (softmax)
            softmaxRowsInPlace(c + row * n, 4, n);
    }
    for (; row < m; ++row) {
        productRows<1>(a, row, packed.data(), k, vectors, c, n, addends);
        if (softmax)
            softmaxRowsInPlace(c + row * n, 1, n);
    }
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

namespace {

// smallBatchedMatmul, and the softmax of its rows when asked.
at::Tensor productsOf(const at::Tensor& a, const at::Tensor& b, const std::vector<at::Tensor>& addends,
                      bool softmax) {
    const std::int64_t m = a.size(-2), k = a.size(-1), n = b.size(-1);
    std::vector<std::int64_t> shape = a.sizes().vec();
    shape.back() = n;
    at::Tensor c = at::empty(shape, a.options());
    std::vector<at::Tensor> spread; // each addend broadcast to C's shape (zero strides, no copy)
    for (const auto& t : addends)
        spread.push_back(t.to(at::kFloat).expand(shape));
    const std::int64_t products = m * n == 0 ? 0 : c.numel() / (m * n);
    const float* aData = a.data_ptr<float>();
    const float* bData = b.data_ptr<float>();
    float* cData = c.data_ptr<float>();
    // About 64^3 multiply-adds per task: enough to hide a thread's start.
    const std::int64_t grain =
        std::max<std::int64_t>(1, kLargestProduct / std::max<std::int64_t>(1, m * n * k));
    at::parallel_for(0, products, grain, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> packed;
        std::vector<Matrix> added(spread.size());
        for (std::int64_t p = begin; p < end; ++p) {
            const Matrix left{aData + batchOffset(p, a.sizes(), a.strides()), a.stride(-2), a.stride(-1)};
            const Matrix right{bData + batchOffset(p, b.sizes(), b.strides()), b.stride(-2), b.stride(-1)};
            for (std::size_t t = 0; t < spread.size(); ++t)
                added[t] = {spread[t].data_ptr<float>() +
                                batchOffset(p, spread[t].sizes(), spread[t].strides()),
                            spread[t].stride(-2), spread[t].stride(-1)};
            product(left, right, {added.data(), added.size()}, softmax, m, k, n, cData + p * m * n, packed);
        }
    });
    return c;
}

} // namespace

at::Tensor smallBatchedMatmul(const at::Tensor& a, const at::Tensor& b,
                              const std::vector<at::Tensor>& addends) {
    return productsOf(a, b, addends, false);
}

at::Tensor batchedMatmulSoftmax(const at::Tensor& a, const at::Tensor& b,
                                const std::vector<at::Tensor>& addends) {
    if (smallBatchedMatmulApplies(a, b))
        return productsOf(a, b, addends, true);
    return at::softmax(batchedMatmul(a, b, addends), -1);
}

at::Tensor batchedMatmul(const at::Tensor& a, const at::Tensor& b, const std::vector<at::Tensor>& addends) {
    if (smallBatchedMatmulApplies(a, b))
        return smallBatchedMatmul(a, b, addends);
    at::Tensor c = at::matmul(a, b);
    for (const auto& t : addends)
        c = c + t;
    return c;
}

} // namespace esm::nn
