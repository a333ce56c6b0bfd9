// Mixed precision as torch.autocast("cpu", dtype=torch.bfloat16) computes it (HF Trainer's --bf16 on
// a CPU): inside the scope LibTorch's autocast runs matrix products in bfloat16 on bfloat16 copies of
// the float32 weights (cached for the scope) and keeps LayerNorm, softmax, losses and every parameter
// and gradient in float32: the master weights the optimizer updates stay float32.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

class CpuAutocast {
  public:
    explicit CpuAutocast(bool enabled);
    ~CpuAutocast();
    CpuAutocast(const CpuAutocast&) = delete;
    CpuAutocast& operator=(const CpuAutocast&) = delete;

  private:
    bool enabled_, wasEnabled_ = false;
    at::ScalarType previousType_ = at::kBFloat16;
};

} // namespace esm::nn
