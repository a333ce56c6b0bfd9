#include "core/nn/modules/onednn_linear.h"

namespace esm::nn {

namespace {

constexpr std::int64_t kFewestRows = 128;

} // namespace

bool oneDnnLinearApplies(const at::Tensor& x, const at::Tensor& weight) {
    static const bool available = at::hasMKLDNN();
    return available && x.is_cpu() && x.scalar_type() == at::kFloat && weight.scalar_type() == at::kFloat &&
           x.dim() >= 2 && x.size(-1) > 0 && x.numel() / x.size(-1) >= kFewestRows;
}

at::Tensor oneDnnLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
    const at::Tensor rows = x.reshape({-1, x.size(-1)});
    const at::Tensor y =
        at::mkldnn_linear(rows.to_mkldnn(), weight,
                          bias.defined() ? c10::optional<at::Tensor>(bias) : c10::optional<at::Tensor>())
            .to_dense();
    std::vector<std::int64_t> shape = x.sizes().vec();
    shape.back() = weight.size(0);
    return y.view(shape);
}

} // namespace esm::nn
