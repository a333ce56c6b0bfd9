#include "core/pipeline/runtime_options.h"

#include "core/nn/runtime/compute_options.h"

namespace esm {

std::string autoDtypeChoice(bool folding) {
    return nn::computeOptionsName(nn::autoComputeOptions(at::kCPU, folding ? nn::ModelFamily::Folding
                                                                           : nn::ModelFamily::LanguageModel));
}

} // namespace esm
