#include "core/nn/train/cpu_autocast.h"

#include <ATen/autocast_mode.h>

namespace esm::nn {

CpuAutocast::CpuAutocast(bool enabled) : enabled_(enabled) {
    if (!enabled_)
        return;
    wasEnabled_ = at::autocast::is_cpu_enabled();
    previousType_ = at::autocast::get_autocast_cpu_dtype();
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::increment_nesting();
}

CpuAutocast::~CpuAutocast() {
    if (!enabled_)
        return;
    // As torch.autocast's __exit__: the weight copies cached for the scope go with its last exit.
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    at::autocast::set_cpu_enabled(wasEnabled_);
    at::autocast::set_autocast_cpu_dtype(previousType_);
}

} // namespace esm::nn
