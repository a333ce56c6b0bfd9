// Linear, LayerNorm and Embedding with torch.nn's parameter names. Parameters start uninitialised
// (torch::empty: no random init, no memory touched) because every one is replaced by a checkpoint
// tensor; the math is torch.nn.functional's.
#pragma once

#include "core/nn/kernels/packed_linear.h"
#include "core/nn/torch_includes.h"

namespace esm::nn {

class Int8LinearWeights;

class Linear : public torch::nn::Module {
  public:
    Linear(std::int64_t in, std::int64_t out, bool bias = true);
    at::Tensor forward(const at::Tensor& x) const;
    const at::Tensor& weight() const { return weight_; }
    const at::Tensor& bias() const { return bias_; }
    std::int64_t inFeatures() const { return weight_.size(1); }
    std::int64_t outFeatures() const { return weight_.size(0); }
    // From now on the layer runs as an int8 GEMM on its weights quantised (int8_linear.h); weight()
    // becomes those int8 values and the float weights are freed. Once only: later calls do nothing.
    void useInt8();
    // From now on a float32 layer with at least `minFeatures` on both sides runs on its weights
    // packed for oneDNN (packed_linear.h); weight() keeps the shape, type and byte count but no
    // longer the values, which live only in the packed copy. Returns whether the layer runs packed.
    bool usePackedWeights(std::int64_t minFeatures = kPackedLinearMinFeatures);
    // The weights held in float16 from now on and widened for each product (half_weights.h);
    // int8 and packed layers stay as they are.
    void useHalfWeights();
    bool isInt8() const { return int8_ != nullptr; }

    // PEFT's LoRA: from now on the layer adds (alpha / rank) B A x, with child modules "lora_A"
    // (rank x in, drawn as PEFT draws it: kaiming-uniform, a = sqrt 5) and "lora_B" (out x rank,
    // zero), which PEFT's adapter files name "<layer>.lora_A.weight" and "<layer>.lora_B.weight".
    void addLora(std::int64_t rank, double alpha, at::Generator generator);
    // W += (alpha / rank) B A: the layer computes what it computed with its adapter, which goes.
    void mergeLora();
    bool hasLora() const { return lora_ != nullptr; }

  private:
    struct Lora {
        std::shared_ptr<Linear> A, B;
        double scaling;
        at::Tensor forward(const at::Tensor& x) const;
    };
    at::Tensor weight_, bias_;
    std::shared_ptr<const Lora> lora_;
    std::shared_ptr<const Int8LinearWeights> int8_;
    std::shared_ptr<const PackedLinearWeights> packed_;
};

class LayerNorm : public torch::nn::Module {
  public:
    LayerNorm(std::int64_t dim, double eps);
    at::Tensor forward(const at::Tensor& x) const;

  private:
    at::Tensor weight_, bias_;
    double eps_;
};

class Embedding : public torch::nn::Module {
  public:
    Embedding(std::int64_t count, std::int64_t dim);
    at::Tensor forward(const at::Tensor& indices) const;
    const at::Tensor& weight() const { return weight_; }

  private:
    at::Tensor weight_;
};

// A parameter (or buffer) registered empty, to be filled from a checkpoint.
at::Tensor& emptyParameter(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape);
at::Tensor& emptyBuffer(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape,
                        at::ScalarType type = at::kFloat);

// ESM's GELU, written out as ESM writes it (x * 0.5 * (1 + erf(x / sqrt 2))): at::gelu computes
// the same function with different rounding, and the outputs must match bit for bit where possible.
at::Tensor exactGelu(const at::Tensor& x);

template <typename M>
std::shared_ptr<M> child(torch::nn::Module& parent, const std::string& name, std::shared_ptr<M> module) {
    return parent.register_module(name, std::move(module));
}

} // namespace esm::nn
