#include "core/nn/kernels/onednn_linear.h"

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
    const std::int64_t in = x.size(-1), out = weight.size(0);
    const at::Tensor rows = x.reshape({-1, in}).contiguous();
    const std::int64_t count = rows.size(0);
    // The rows' own bytes seen as a one-image picture [1, in, rows, 1] in channels-last order, and
    // the weight as 1 x 1 kernels: oneDNN reads the input and writes the output in place.
    const at::Tensor picture = rows.view({1, count, 1, in}).permute({0, 3, 1, 2});
    const at::Tensor y = at::mkldnn_convolution(picture, weight.contiguous().view({out, in, 1, 1}), bias,
                                                /*padding=*/{0, 0}, /*stride=*/{1, 1}, /*dilation=*/{1, 1},
                                                /*groups=*/1);
    std::vector<std::int64_t> shape = x.sizes().vec();
    shape.back() = out;
    return y.permute({0, 2, 3, 1}).view(shape); // channels-last [1, out, rows, 1] is [rows, out]
}

} // namespace esm::nn
