// LayerNorm and Embedding with torch.nn's parameter names (Linear: linear.h). Parameters start
// uninitialised (torch::empty: no random init, no memory touched) because every one is replaced by
// a checkpoint tensor; the math is torch.nn.functional's.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

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
