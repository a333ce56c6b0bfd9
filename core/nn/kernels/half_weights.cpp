#include "core/nn/kernels/half_weights.h"

#include "core/base/cpu_features.h"
#include "core/nn/modules/linear_layers.h"

#include <ATen/Parallel.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace esm::nn {
namespace {

#if defined(__x86_64__) && defined(__GNUC__)
// Compiled for F16C while the build targets plain x86-64; called only where the CPU has it.
__attribute__((target("avx2,f16c"))) void widenWithF16c(const c10::Half* from, float* to,
                                                        std::int64_t count) {
    std::int64_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m128i halves = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + i));
        _mm256_storeu_ps(to + i, _mm256_cvtph_ps(halves));
    }
    for (; i < count; ++i)
        to[i] = static_cast<float>(from[i]);
}
#endif

} // namespace

at::Tensor widenHalf(const at::Tensor& half) {
    TORCH_CHECK(half.scalar_type() == at::kHalf, "widenHalf: expected float16, got ", half.scalar_type());
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool fast = cpuHasFastHalfConversion();
    if (fast && half.is_cpu()) {
        const at::Tensor from = half.contiguous();
        at::Tensor to = at::empty(from.sizes(), from.options().dtype(at::kFloat));
        const c10::Half* source = from.data_ptr<c10::Half>();
        float* target = to.data_ptr<float>();
        // Memory-bound: chunks of 64K values keep both threads streaming without false sharing.
        at::parallel_for(0, from.numel(), 1 << 16, [&](std::int64_t begin, std::int64_t end) {
            widenWithF16c(source + begin, target + begin, end - begin);
        });
        return to;
    }
#endif
    return half.to(at::kFloat, /*non_blocking=*/false, /*copy=*/true);
}

HalfLinear::HalfLinear(const Linear& layer) {
    const at::Tensor& weight = layer.weight();
    weight_ = register_parameter("weight", weight.scalar_type() == at::kHalf ? weight : weight.to(at::kHalf),
                                 /*requires_grad=*/false);
    if (layer.bias().defined())
        bias_ = register_parameter("bias", layer.bias(), /*requires_grad=*/false);
}

at::Tensor HalfLinear::forward(const at::Tensor& x) const {
    // Widening in slices of output channels, each multiplied while in cache, was slower
    // (docs/PERFORMANCE.md): the block cache already serves the whole one.
    return denseLinear(x, x.scalar_type() == at::kFloat ? widenHalf(weight_) : weight_, bias_);
}

void halveLinearLayers(torch::nn::Module& root, const std::string& prefix) {
    swapLinearLayers(root, prefix, [](const Linear& layer) { return std::make_shared<HalfLinear>(layer); });
}

} // namespace esm::nn
