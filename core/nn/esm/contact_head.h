// ESM's contact prediction head: per attention map, mask, drop <cls>/<eos>, symmetrize, APC; a
// logistic regression over all layers x heads. Accumulated layer by layer, so the attentions of
// all layers ([layers, B, heads, T, T]) never need to be held at once.
#pragma once

#include "core/nn/modules/linear.h"

namespace esm::nn {

class EsmContactPredictionHead : public torch::nn::Module {
  public:
    EsmContactPredictionHead(std::int64_t layers, std::int64_t heads);

    class Accumulator {
      public:
        // ids, mask: [B, T]
        Accumulator(const EsmContactPredictionHead& head, const at::Tensor& ids, const at::Tensor& mask,
                    long eosId);
        // probabilities: [B, heads, T, T] of `layer`
        void add(int layer, const at::Tensor& probabilities);
        // [B, T-2, T-2] contact probabilities
        at::Tensor finish() const;

      private:
        const EsmContactPredictionHead& head_;
        at::Tensor pairMask_; // [B, 1, T, T]
        at::Tensor logits_;   // [B, T-2, T-2]
    };

  private:
    std::shared_ptr<Linear> regression_; // held directly: its weights are read, never swapped
    std::int64_t heads_;
};

} // namespace esm::nn
