#include "core/pipeline/runtime_options.h"

#include "core/nn/runtime/compute_options.h"

namespace esm {

std::string autoDtypeChoice() {
    return nn::computeOptionsName(nn::autoComputeOptions(at::kCPU));
}

} // namespace esm
