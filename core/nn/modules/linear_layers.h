// Finding a model's Linear layers by name, to swap them for a kernel's type (int8, packed, float16
// weights) at once or one by one as a checkpoint loads them, and to count what a model's weights
// hold.
#pragma once

#include "core/nn/torch_includes.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace esm::nn {

class Linear;
class LinearLayer;

// Every float Linear module whose name starts with `prefix` ("" for all), by name. Layers already
// swapped for a kernel's type are not Linear any more.
std::map<std::string, Linear*> linearLayers(torch::nn::Module& root, const std::string& prefix);

// How many layers under `prefix` are of type T (a kernel's layer type).
template <typename T> int layersOfType(torch::nn::Module& root, const std::string& prefix) {
    int count = 0;
    for (const auto& item : root.named_modules("", /*include_self=*/false))
        if (item.key().rfind(prefix, 0) == 0 && dynamic_cast<T*>(item.value().get()))
            ++count;
    return count;
}

// What takes a float layer's place: its replacement, or null to keep it as it is.
using LinearSwap = std::function<std::shared_ptr<LinearLayer>(const Linear& layer)>;

// Swaps every swappable Linear under `prefix` for what `swap` makes of it.
void swapLinearLayers(torch::nn::Module& root, const std::string& prefix, const LinearSwap& swap);

// For LoadOptions::afterLoad: swaps each Linear under `prefix` once the loader has filled its last
// tensor (its bias, or its weight when it has no bias), so a model never holds the float copy of
// every layer and the swapped one at once.
std::function<void(const std::string& name)> swapAsLoaded(torch::nn::Module& root, const std::string& prefix,
                                                          LinearSwap swap);

// Merges every LoRA adapter into its layer (Linear::mergeLora); the adapters' own layers go.
void mergeLoraAdapters(torch::nn::Module& root);

// The values of a model's weights (its parameters, and the weights kernels keep outside them), and
// the bytes they hold in memory.
std::int64_t weightCount(torch::nn::Module& root);
std::size_t residentWeightBytes(torch::nn::Module& root);

} // namespace esm::nn
