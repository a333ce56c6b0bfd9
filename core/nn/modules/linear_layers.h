// Finding a model's Linear layers by name, to change how they compute (int8, packed weights) at
// once or one by one as a checkpoint loads them, and to count what their weights occupy.
#pragma once

#include "core/nn/torch_includes.h"

#include <functional>
#include <map>
#include <string>

namespace esm::nn {

class Linear;

// Every Linear module whose name starts with `prefix` ("" for all), by name.
std::map<std::string, Linear*> linearLayers(torch::nn::Module& root, const std::string& prefix);

// For LoadOptions::afterLoad: calls `action` on each Linear under `prefix` once the loader has
// filled its last tensor (its bias, or its weight when it has no bias).
std::function<void(const std::string& name)>
whenLinearLoaded(torch::nn::Module& root, const std::string& prefix, std::function<void(Linear&)> action);

// Merges every LoRA adapter into its layer (Linear::mergeLora); the adapters' own layers go.
void mergeLoraAdapters(torch::nn::Module& root);

// The bytes a model's weights hold in memory: every parameter's, plus the reordered copy LibTorch's
// int8 engine keeps beside each int8 layer's values (as large again).
std::size_t residentWeightBytes(torch::nn::Module& root);

} // namespace esm::nn
