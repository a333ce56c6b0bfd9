#include "core/nn/modules/linear_layers.h"

#include "core/nn/modules/basic.h"

namespace esm::nn {

std::map<std::string, Linear*> linearLayers(torch::nn::Module& root, const std::string& prefix) {
    std::map<std::string, Linear*> layers;
    for (const auto& item : root.named_modules("", /*include_self=*/false))
        if (item.key().rfind(prefix, 0) == 0)
            if (auto* linear = dynamic_cast<Linear*>(item.value().get()))
                layers.emplace(item.key(), linear);
    return layers;
}

std::function<void(const std::string& name)>
whenLinearLoaded(torch::nn::Module& root, const std::string& prefix, std::function<void(Linear&)> action) {
    return [layers = linearLayers(root, prefix), action = std::move(action)](const std::string& name) {
        const auto dot = name.rfind('.');
        if (dot == std::string::npos)
            return;
        const auto it = layers.find(name.substr(0, dot));
        const std::string tensor = name.substr(dot + 1);
        // A Linear registers its weight before its bias: the bias (or a bias-free weight) completes it.
        if (it != layers.end() && (tensor == "bias" || (tensor == "weight" && !it->second->bias().defined())))
            action(*it->second);
    };
}

void mergeLoraAdapters(torch::nn::Module& root) {
    // Collected first: merging frees the adapters' lora_A / lora_B layers, which are Linear too.
    std::vector<Linear*> adapted;
    for (const auto& [name, layer] : linearLayers(root, ""))
        if (layer->hasLora())
            adapted.push_back(layer);
    for (Linear* layer : adapted)
        layer->mergeLora();
}

std::size_t residentWeightBytes(torch::nn::Module& root) {
    std::size_t bytes = 0;
    for (const auto& p : root.parameters())
        bytes += p.nbytes();
    for (const auto& [name, layer] : linearLayers(root, ""))
        if (layer->isInt8())
            bytes += layer->weight().nbytes();
    return bytes;
}

} // namespace esm::nn
