#include "core/nn/modules/linear_layers.h"

#include "core/nn/modules/linear.h"

namespace esm::nn {

std::map<std::string, Linear*> linearLayers(torch::nn::Module& root, const std::string& prefix) {
    std::map<std::string, Linear*> layers;
    for (const auto& item : root.named_modules("", /*include_self=*/false))
        if (item.key().rfind(prefix, 0) == 0)
            if (auto* linear = dynamic_cast<Linear*>(item.value().get()))
                layers.emplace(item.key(), linear);
    return layers;
}

namespace {

// Puts what `swap` makes of the layer at `path` in its place, when it is swappable and makes one.
void swapLayer(torch::nn::Module& root, const std::string& path, const Linear& layer,
               const LinearSwap& swap) {
    if (!layer.swappable())
        return;
    if (auto replacement = swap(layer))
        replaceLinear(root, path, std::move(replacement));
}

} // namespace

void swapLinearLayers(torch::nn::Module& root, const std::string& prefix, const LinearSwap& swap) {
    for (const auto& [name, layer] : linearLayers(root, prefix))
        swapLayer(root, name, *layer, swap);
}

std::function<void(const std::string& name)> swapAsLoaded(torch::nn::Module& root, const std::string& prefix,
                                                          LinearSwap swap) {
    return [&root, prefix, swap = std::move(swap)](const std::string& name) {
        const auto dot = name.rfind('.');
        if (name.rfind(prefix, 0) != 0 || dot == std::string::npos)
            return;
        // Looked up now, not when loading began: another hook may have swapped the layer already.
        const std::string path = name.substr(0, dot), tensor = name.substr(dot + 1);
        const auto* layer = dynamic_cast<const Linear*>(moduleAt(root, path));
        // A Linear registers its weight before its bias: the bias (or a bias-free weight) completes it.
        if (layer && (tensor == "bias" || (tensor == "weight" && !layer->bias().defined())))
            swapLayer(root, path, *layer, swap);
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

namespace {

LinearLayer::HiddenWeights hiddenWeights(torch::nn::Module& root) {
    LinearLayer::HiddenWeights all;
    // Without the root: named_modules takes it in only when a shared_ptr owns it, and a model is
    // never a single layer.
    for (const auto& item : root.named_modules("", /*include_self=*/false))
        if (const auto* layer = dynamic_cast<const LinearLayer*>(item.value().get())) {
            const auto hidden = layer->hiddenWeights();
            all.values += hidden.values;
            all.bytes += hidden.bytes;
        }
    return all;
}

} // namespace

std::int64_t weightCount(torch::nn::Module& root) {
    std::int64_t count = hiddenWeights(root).values;
    for (const auto& p : root.parameters())
        count += p.numel();
    return count;
}

std::size_t residentWeightBytes(torch::nn::Module& root) {
    std::size_t bytes = hiddenWeights(root).bytes;
    for (const auto& p : root.parameters())
        bytes += p.nbytes();
    return bytes;
}

} // namespace esm::nn
