// The ESM transformer stack: pre-LayerNorm layers, then emb_layer_norm_after.
#pragma once

#include "core/nn/esm/attention.h"
#include "core/nn/train/checkpointed_layer.h"

#include <functional>

namespace esm::nn {

class EsmLayer : public torch::nn::Module {
  public:
    explicit EsmLayer(const EsmConfig& config);
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& x, const at::Tensor& additiveMask) const;

  private:
    std::shared_ptr<EsmAttention> attention_;
    LinearRef intermediate_dense_, output_dense_;
    std::shared_ptr<LayerNorm> LayerNorm_;
};

class EsmEncoder : public torch::nn::Module {
  public:
    explicit EsmEncoder(const EsmConfig& config);

    struct Output {
        at::Tensor lastHiddenState; // after emb_layer_norm_after
        std::vector<at::Tensor>
            hiddenStates;                   // layers + 1 when requested: inputs of each layer, then the last
        std::vector<at::Tensor> attentions; // per layer when requested
    };
    // `onAttention(layer, probabilities)` sees each layer's attention as it is computed (contacts
    // accumulate from it without keeping all of them); `onLayer` reports progress between layers.
    Output forward(const at::Tensor& x, const at::Tensor& additiveMask, bool keepHiddenStates,
                   bool keepAttentions, const std::function<void(int, const at::Tensor&)>& onAttention = {},
                   const std::function<void(int)>& onLayer = {}) const;
    int layerCount() const { return static_cast<int>(layers_.size()); }
    // While training, layers run checkpointed (checkpointed_layer.h): HF's gradient_checkpointing.
    void setGradientCheckpointing(bool on) { checkpointing_ = on; }

  private:
    bool checkpointing_ = false;
    std::vector<LayerFunction> layerFunctions_; // what a checkpointed layer runs again
    torch::nn::ModuleList layer_;               // registers the layers under "layer.N"
    std::vector<std::shared_ptr<EsmLayer>> layers_;
    std::shared_ptr<LayerNorm> emb_layer_norm_after_;
};

} // namespace esm::nn
