// torch.nn.Linear, and how a parent holds it. Loading may swap a layer for a speed kernel's own
// module type (core/nn/kernels: int8, packed, float16 weights), as torch.ao.quantization swaps
// modules: a parent holds a LinearRef, which follows the swap, and only calls forward. Each type's
// accessors describe what it holds; none pretends to hold float weights it no longer has.
#pragma once

#include "core/nn/modules/basic.h"

#include <memory>

namespace esm::nn {

class LinearLayer;
class LinearRef;

// Registers a Linear(in, out, bias) as `parent`'s child `name` and returns the parent's handle.
LinearRef linearChild(torch::nn::Module& parent, const std::string& name, std::int64_t in, std::int64_t out,
                      bool bias = true);

// The module at `path` under `root` ("encoder.layer.0.dense"), or null.
torch::nn::Module* moduleAt(torch::nn::Module& root, const std::string& path);

// Puts `replacement` in the place of the layer at `path` under `root` ("encoder.layer.0.dense"):
// the module tree and the parent's LinearRef both hold it from now on. std::logic_error for a path
// that names no layer held through a LinearRef.
void replaceLinear(torch::nn::Module& root, const std::string& path,
                   std::shared_ptr<LinearLayer> replacement);

class LinearLayer : public torch::nn::Module {
  public:
    virtual at::Tensor forward(const at::Tensor& x) const = 0;
    virtual std::int64_t inFeatures() const = 0;
    virtual std::int64_t outFeatures() const = 0;
    // What its weights occupy beyond its registered parameters (an engine's own copies), in
    // values and bytes: model sizes and memory figures count them.
    struct HiddenWeights {
        std::int64_t values = 0;
        std::size_t bytes = 0;
    };
    virtual HiddenWeights hiddenWeights() const { return {}; }
    // Whether loading may swap it: it is held through a LinearRef. LoRA's own layers and the contact
    // head's regression (which reads its weights) are held directly and stay as they are.
    bool swappable() const { return slot_ != nullptr; }

  private:
    friend class LinearRef;
    friend LinearRef linearChild(torch::nn::Module&, const std::string&, std::int64_t, std::int64_t, bool);
    friend void replaceLinear(torch::nn::Module&, const std::string&, std::shared_ptr<LinearLayer>);
    // The slot of the parent's LinearRef; empty for a layer held directly.
    std::shared_ptr<std::shared_ptr<LinearLayer>> slot_;
};

// y = x W^T + b in the weights' own type, on oneDNN where it is faster (onednn_linear.h).
class Linear : public LinearLayer {
  public:
    Linear(std::int64_t in, std::int64_t out, bool bias = true);
    at::Tensor forward(const at::Tensor& x) const override;
    const at::Tensor& weight() const { return weight_; }
    const at::Tensor& bias() const { return bias_; }
    std::int64_t inFeatures() const override { return weight_.size(1); }
    std::int64_t outFeatures() const override { return weight_.size(0); }

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
};

// The product Linear computes, for the kernels' types that keep dense weights.
at::Tensor denseLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

// What a parent holds of a Linear layer: it calls the layer in place now, whatever type loading
// swapped in.
class LinearRef {
  public:
    const LinearLayer* operator->() const { return slot_->get(); }
    const LinearLayer& operator*() const { return **slot_; }
    // False for a layer the model does not have (a head another task uses).
    explicit operator bool() const { return slot_ != nullptr; }

  private:
    friend LinearRef linearChild(torch::nn::Module&, const std::string&, std::int64_t, std::int64_t, bool);
    std::shared_ptr<std::shared_ptr<LinearLayer>> slot_;
};

} // namespace esm::nn
