#include "core/nn/kernels/row_layer_norm.h"

#include <ATen/Parallel.h>
#include <c10/util/BFloat16.h>

#include <cmath>
#include <vector>

namespace esm::nn {
namespace {

inline float widen(float v) {
    return v;
}
inline float widen(c10::BFloat16 v) {
    return static_cast<float>(v);
}
template <typename T> inline T narrow(float v) {
    if constexpr (std::is_same_v<T, float>)
        return v;
    else
        return c10::BFloat16(v); // rounds to nearest even, as LibTorch's conversion does
}

// Sums in kLanes independent partial sums, added up in a fixed order at the end: one running
// float sum is a chain of dependent adds the compiler may not reorder, each waiting for the last.
constexpr std::int64_t kLanes = 16;

template <typename F> inline float laneSum(std::int64_t c, F&& term) {
    float lanes[kLanes] = {};
    std::int64_t i = 0;
    for (; i + kLanes <= c; i += kLanes)
        for (std::int64_t l = 0; l < kLanes; ++l)
            lanes[l] += term(i + l);
    for (; i < c; ++i)
        lanes[i % kLanes] += term(i);
    float sum = 0;
    for (float lane : lanes)
        sum += lane;
    return sum;
}

// One row: the mean, then the variance around it (two passes over a float copy, as exact as the
// reference's float accumulation), then the affine map. Cloned per instruction set so the loops
// vectorise on the CPU at hand while the build targets plain x86-64.
template <typename T>
__attribute__((target_clones("avx512f", "avx2", "default"))) void
normaliseRow(const T* in, T* out, const float* weight, const float* bias, float* row, std::int64_t c,
             float eps) {
    for (std::int64_t i = 0; i < c; ++i)
        row[i] = widen(in[i]);
    const float mean = laneSum(c, [&](std::int64_t i) { return row[i]; }) / float(c);
    for (std::int64_t i = 0; i < c; ++i)
        row[i] -= mean;
    const float squares = laneSum(c, [&](std::int64_t i) { return row[i] * row[i]; });
    const float scale = 1.0f / std::sqrt(squares / float(c) + eps);
    for (std::int64_t i = 0; i < c; ++i)
        out[i] = narrow<T>(row[i] * scale * weight[i] + bias[i]);
}

template <typename T>
void normaliseRows(const at::Tensor& x, at::Tensor& y, const at::Tensor& weight, const at::Tensor& bias,
                   float eps) {
    const std::int64_t c = x.size(-1), rows = x.numel() / std::max<std::int64_t>(c, 1);
    const T* in = x.data_ptr<T>();
    T* out = y.data_ptr<T>();
    const float* w = weight.data_ptr<float>();
    const float* b = bias.data_ptr<float>();
    // Rows are independent; a few hundred per task keeps the threads' start-up small against the work.
    const std::int64_t grain = std::max<std::int64_t>(1, 32768 / std::max<std::int64_t>(c, 1));
    at::parallel_for(0, rows, grain, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> row(static_cast<std::size_t>(c));
        for (std::int64_t r = begin; r < end; ++r)
            normaliseRow<T>(in + r * c, out + r * c, w, b, row.data(), c, eps);
    });
}

} // namespace

bool rowLayerNormApplies(const at::Tensor& x) {
    return x.device().is_cpu() && (x.scalar_type() == at::kFloat || x.scalar_type() == at::kBFloat16) &&
           x.dim() >= 1 && x.size(-1) > 0;
}

at::Tensor rowLayerNorm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps) {
    const at::Tensor input = x.contiguous();
    at::Tensor y = at::empty_like(input, at::MemoryFormat::Contiguous);
    const at::Tensor w = weight.to(at::kFloat).contiguous(), b = bias.to(at::kFloat).contiguous();
    if (input.scalar_type() == at::kFloat)
        normaliseRows<float>(input, y, w, b, static_cast<float>(eps));
    else
        normaliseRows<c10::BFloat16>(input, y, w, b, static_cast<float>(eps));
    return y;
}

} // namespace esm::nn
