#include "core/nn/kernels/int8_linear.h"

#include "core/base/error.h"
#include "core/nn/modules/linear_layers.h"

#include <ATen/native/quantized/PackedParams.h>

#include <algorithm>
#include <optional>

namespace esm::nn {
namespace {

// oneDNN first (Debian's LibTorch has it, and it was measured here); FBGEMM where a build has only that.
std::optional<at::QEngine> x86Engine() {
    const auto& engines = at::globalContext().supportedQEngines();
    for (at::QEngine engine : {at::QEngine::ONEDNN, at::QEngine::FBGEMM})
        if (std::find(engines.begin(), engines.end(), engine) != engines.end())
            return engine;
    return std::nullopt;
}

} // namespace

bool int8LinearAvailable() {
    return x86Engine().has_value();
}

void requireInt8Engine() {
    if (!int8LinearAvailable())
        throw Error("dtype int8 needs LibTorch's oneDNN or FBGEMM quantised engine, and this LibTorch has "
                    "neither; use float32 or bfloat16");
}

struct Int8LinearWeights::Packed {
    c10::intrusive_ptr<LinearPackedParamsBase> params;
};

Int8LinearWeights::Int8LinearWeights(const at::Tensor& weight, const at::Tensor& bias)
    : packed_(std::make_unique<Packed>()) {
    requireInt8Engine();
    at::globalContext().setQEngine(*x86Engine());
    const at::Tensor w = weight.to(at::kFloat).contiguous();
    // Symmetric per output channel; an all-zero row keeps a usable scale.
    const at::Tensor scales = (w.abs().amax(1) / 127.0).clamp_min(1e-12).to(at::kDouble);
    const at::Tensor zeros = at::zeros({w.size(0)}, at::kLong);
    // Rounded as quantize_per_channel rounds (to nearest even), but vectorised: LibTorch 1.13
    // quantises element by element, which cost 650M's load 5 s.
    const at::Tensor values =
        at::round(w / scales.to(at::kFloat).unsqueeze(1)).clamp_(-127, 127).to(at::kChar);
    // A copy of `values`, which the engine keeps (values() views it) beside its reordered weights.
    const at::Tensor q = at::_make_per_channel_quantized_tensor(values, scales, zeros, 0);
    static const auto prepack =
        c10::Dispatcher::singleton()
            .findSchemaOrThrow("quantized::linear_prepack", "")
            .typed<c10::intrusive_ptr<LinearPackedParamsBase>(at::Tensor, c10::optional<at::Tensor>)>();
    packed_->params =
        prepack.call(q, bias.defined() ? c10::optional<at::Tensor>(bias.to(at::kFloat)) : c10::nullopt);
}

Int8LinearWeights::~Int8LinearWeights() = default;

at::Tensor Int8LinearWeights::values() const {
    const at::Tensor q = std::get<0>(packed_->params->unpack());
    // The quantised tensor's own bytes seen as plain int8, kept alive by the view.
    return at::from_blob(
        q.data_ptr(), q.sizes(), q.strides(), [keep = q](void*) mutable { keep.reset(); },
        at::TensorOptions().dtype(at::kChar));
}

at::Tensor Int8LinearWeights::forward(const at::Tensor& x) const {
    const auto in = x.size(-1);
    std::vector<std::int64_t> shape = x.sizes().vec();
    const at::Tensor rows = x.to(at::kFloat).reshape({-1, in}).contiguous();
    const at::Tensor out = packed_->params->apply_dynamic(rows, /*reduce_range=*/false);
    shape.back() = out.size(1);
    return out.view(shape);
}

Int8Linear::Int8Linear(const Linear& layer)
    : weights_(layer.weight(), layer.bias()), in_(layer.inFeatures()), out_(layer.outFeatures()) {
    if (layer.bias().defined())
        register_parameter("bias", layer.bias().to(at::kFloat), /*requires_grad=*/false);
}

at::Tensor Int8Linear::forward(const at::Tensor& x) const {
    return weights_.forward(x).to(x.scalar_type());
}

namespace {

std::shared_ptr<LinearLayer> toInt8(const Linear& layer) {
    return std::make_shared<Int8Linear>(layer);
}

} // namespace

int quantizeLinearLayers(torch::nn::Module& root, const std::string& prefix) {
    requireInt8Engine();
    swapLinearLayers(root, prefix, toInt8);
    return layersOfType<Int8Linear>(root, prefix);
}

std::function<void(const std::string& name)> quantizeAsLoaded(torch::nn::Module& root,
                                                              const std::string& prefix) {
    return swapAsLoaded(root, prefix, toInt8);
}

} // namespace esm::nn
