#include "core/nn/runtime/random_weights.h"

namespace esm::nn {

void fillWithRandomWeights(torch::nn::Module& module, at::ScalarType type, std::uint64_t seed) {
    LoadOptions options;
    options.compute.dtype = type;
    fillWithRandomWeights(module, options, seed);
}

void fillWithRandomWeights(torch::nn::Module& module, const LoadOptions& options, std::uint64_t seed) {
    at::manual_seed(seed);
    const at::ScalarType type = options.compute.dtype;
    for (auto& p : module.named_parameters()) {
        const std::string& name = p.key();
        at::Tensor& t = p.value();
        // Filled in place, so building a multi-gigabyte model makes no temporary copies.
        t.set_data(at::empty(t.sizes(),
                             t.options().dtype(options.parameterType ? options.parameterType(name) : type)));
        const bool isVector = t.dim() == 1;
        const bool isScale = isVector && name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0;
        if (isScale)
            t.fill_(1.0);
        else if (isVector)
            t.zero_();
        else
            t.normal_(0.0, 0.02);
        if (options.afterLoad)
            options.afterLoad(name);
        // Held no longer than the module holds it: afterLoad may swap the module for another type.
        t = at::Tensor();
    }
    for (auto& b : module.named_buffers())
        if (b.value().is_floating_point() && b.key().find("inv_freq") == std::string::npos)
            b.value().set_data(b.value().to(type));
}

} // namespace esm::nn
