// float32 Linear layers with large weights on oneDNN, the weights reordered once into oneDNN's
// blocked layout. LibTorch 1.13 has no prepacked float Linear for oneDNN, so the layer runs as the
// 1x1 convolution it is, whose weights LibTorch can reorder ahead (mkldnn_reorder_conv2d_weight).
// OpenBLAS runs AVX2 kernels on AVX-512 CPUs and repacks the weights on every call; oneDNN's inner
// product reorders them on every call too. Below 512 features packing loses to the unpacked
// convolution of onednn_linear.h (ESMFold's pair layers), so those layers stay as they are. Figures:
// docs/PERFORMANCE.md.
#pragma once

#include "core/nn/modules/linear.h"

#include <functional>
#include <string>

namespace esm::nn {

inline constexpr std::int64_t kPackedLinearMinFeatures = 512;

// Whether PackedLinearWeights can take this weight: CPU float32 [out, in] with both sides at least
// `minFeatures`, in a LibTorch with oneDNN.
bool packedLinearApplies(const at::Tensor& weight, std::int64_t minFeatures = kPackedLinearMinFeatures);

class PackedLinearWeights {
  public:
    // weight [out, in] and bias [out] (or undefined), CPU float32.
    PackedLinearWeights(const at::Tensor& weight, const at::Tensor& bias);
    // at::linear(x, weight, bias) for x [..., in] float32: the same products, summed in another order.
    at::Tensor forward(const at::Tensor& x) const;

  private:
    at::Tensor packed_, bias_;
    std::int64_t in_, out_;
};

// A float32 Linear layer swapped for its packed form: no dense weights (the packed copy is oneDNN's
// own), the bias as "bias".
class PackedLinear : public LinearLayer {
  public:
    explicit PackedLinear(const Linear& layer);
    at::Tensor forward(const at::Tensor& x) const override { return weights_.forward(x); }
    std::int64_t inFeatures() const override { return in_; }
    std::int64_t outFeatures() const override { return out_; }
    HiddenWeights hiddenWeights() const override {
        return {in_ * out_, std::size_t(in_ * out_) * sizeof(float)};
    }

  private:
    PackedLinearWeights weights_;
    std::int64_t in_, out_;
};

// Every float32 Linear layer under `prefix` that packedLinearApplies to becomes a PackedLinear.
// Returns how many packed layers there are under `prefix` after the call.
int packLinearLayers(torch::nn::Module& root, const std::string& prefix = "",
                     std::int64_t minFeatures = kPackedLinearMinFeatures);

// The same, layer by layer while a checkpoint loads (LoadOptions::afterLoad), so that the dense and
// the packed copy of the whole model are never held at once.
std::function<void(const std::string& name)> packAsLoaded(torch::nn::Module& root);

} // namespace esm::nn
