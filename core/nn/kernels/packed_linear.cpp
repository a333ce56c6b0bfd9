#include "core/nn/kernels/packed_linear.h"

#include "core/nn/kernels/transpose_copy.h"
#include "core/nn/modules/linear_layers.h"

namespace esm::nn {

bool packedLinearApplies(const at::Tensor& weight, std::int64_t minFeatures) {
    static const bool available = at::hasMKLDNN();
    return available && weight.is_cpu() && weight.scalar_type() == at::kFloat && weight.dim() == 2 &&
           weight.size(0) >= minFeatures && weight.size(1) >= minFeatures;
}

PackedLinearWeights::PackedLinearWeights(const at::Tensor& weight, const at::Tensor& bias)
    : bias_(bias.defined() ? bias.contiguous() : bias), in_(weight.size(1)), out_(weight.size(0)) {
    const at::Tensor kernels = weight.contiguous().view({out_, in_, 1, 1}).to_mkldnn();
    packed_ = at::mkldnn_reorder_conv2d_weight(kernels, /*padding=*/{0, 0}, /*stride=*/{1, 1},
                                               /*dilation=*/{1, 1}, /*groups=*/1);
}

at::Tensor PackedLinearWeights::forward(const at::Tensor& x) const {
    std::vector<std::int64_t> shape = x.sizes().vec();
    shape.back() = out_;
    const at::Tensor rows = x.reshape({-1, in_});
    const std::int64_t count = rows.size(0);
    if (count == 0)
        return at::zeros(shape, x.options());
    // Rows become the height of a one-image, in_-channel picture: [1, in, rows, 1].
    const at::Tensor picture = transposedCopy(rows).view({1, in_, count, 1});
    const at::Tensor y =
        at::mkldnn_convolution(picture, packed_, bias_, /*padding=*/{0, 0}, /*stride=*/{1, 1},
                               /*dilation=*/{1, 1}, /*groups=*/1);
    return transposedCopy(y.view({out_, count})).view(shape);
}

PackedLinear::PackedLinear(const Linear& layer)
    : weights_(layer.weight(), layer.bias()), in_(layer.inFeatures()), out_(layer.outFeatures()) {
    if (layer.bias().defined())
        register_parameter("bias", layer.bias(), /*requires_grad=*/false);
}

namespace {

LinearSwap packWhereApplies(std::int64_t minFeatures) {
    return [minFeatures](const Linear& layer) -> std::shared_ptr<LinearLayer> {
        if (!packedLinearApplies(layer.weight(), minFeatures))
            return nullptr;
        return std::make_shared<PackedLinear>(layer);
    };
}

} // namespace

int packLinearLayers(torch::nn::Module& root, const std::string& prefix, std::int64_t minFeatures) {
    swapLinearLayers(root, prefix, packWhereApplies(minFeatures));
    return layersOfType<PackedLinear>(root, prefix);
}

std::function<void(const std::string& name)> packAsLoaded(torch::nn::Module& root) {
    return swapAsLoaded(root, "", packWhereApplies(kPackedLinearMinFeatures));
}

} // namespace esm::nn
