#include "core/pipeline/versions.h"

#include <torch/version.h>

namespace esm {

std::string libtorchVersion() {
    return TORCH_VERSION;
}

} // namespace esm
