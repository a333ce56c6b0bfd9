// Dynamic int8 quantisation of Linear layers, as torch.ao.quantization.quantize_dynamic does it:
// weights quantised once per output channel (symmetric, int8), activations quantised per call
// (per tensor, uint8), the product accumulated in int32 and returned in float32. Runs on LibTorch's
// x86 quantised engine (oneDNN, or FBGEMM where the build has it); Debian's has oneDNN.
#pragma once

#include "core/nn/modules/linear.h"

#include <functional>
#include <memory>
#include <string>

namespace esm::nn {

// Whether this LibTorch has an x86 quantised engine fast enough to be worth it.
bool int8LinearAvailable();
// Error, naming the remedy, when it has none.
void requireInt8Engine();

class Int8LinearWeights {
  public:
    // weight [out, in] and bias [out] (or undefined) in float32.
    Int8LinearWeights(const at::Tensor& weight, const at::Tensor& bias);
    ~Int8LinearWeights();
    // x [..., in] float32 -> [..., out] float32.
    at::Tensor forward(const at::Tensor& x) const;
    // The quantised weights [out, in] int8 (each row times its scale is the float row): a view of
    // the copy the int8 engine keeps beside its reordered one, so they cost no third copy.
    at::Tensor values() const;

  private:
    struct Packed;
    std::unique_ptr<Packed> packed_;
};

// A Linear layer swapped for its int8 form: no float weights (values() are the int8 ones), the bias
// in float32 as "bias".
class Int8Linear : public LinearLayer {
  public:
    explicit Int8Linear(const Linear& layer);
    at::Tensor forward(const at::Tensor& x) const override;
    std::int64_t inFeatures() const override { return in_; }
    std::int64_t outFeatures() const override { return out_; }
    at::Tensor values() const { return weights_.values(); }
    // The engine's int8 copy and its reordered one, each a byte a value.
    HiddenWeights hiddenWeights() const override { return {in_ * out_, std::size_t(2 * in_ * out_)}; }

  private:
    Int8LinearWeights weights_;
    std::int64_t in_, out_;
};

// Every Linear module whose name starts with `prefix` (e.g. "esm.encoder.") becomes an Int8Linear.
// Returns how many int8 layers there are under `prefix` after the call; Error when this LibTorch has
// no quantised engine.
int quantizeLinearLayers(torch::nn::Module& root, const std::string& prefix);

// The same, layer by layer while a checkpoint loads (LoadOptions::afterLoad): each Linear under
// `prefix` is swapped once its weight and bias are in, so a model loads in about its int8 size.
// Layers the checkpoint did not fill are left to quantizeLinearLayers.
std::function<void(const std::string& name)> quantizeAsLoaded(torch::nn::Module& root,
                                                              const std::string& prefix);

} // namespace esm::nn
