#include "core/nn/runtime/random_weights.h"

namespace esm::nn {

void fillWithRandomWeights(torch::nn::Module& module, at::ScalarType type, std::uint64_t seed) {
    at::manual_seed(seed);
    for (auto& p : module.named_parameters()) {
        at::Tensor& t = p.value();
        // Filled in place, so building a multi-gigabyte model makes no temporary copies.
        t.set_data(at::empty(t.sizes(), t.options().dtype(type)));
        const bool isVector = t.dim() == 1;
        const bool isScale =
            isVector && p.key().size() > 7 && p.key().compare(p.key().size() - 7, 7, ".weight") == 0;
        if (isScale)
            t.fill_(1.0);
        else if (isVector)
            t.zero_();
        else
            t.normal_(0.0, 0.02);
    }
    for (auto& b : module.named_buffers())
        if (b.value().is_floating_point() && b.key().find("inv_freq") == std::string::npos)
            b.value().set_data(b.value().to(type));
}

} // namespace esm::nn
