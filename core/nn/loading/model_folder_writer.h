// Saves a module as a HuggingFace model folder (config.json, model.safetensors, vocab.txt):
// benchmarks write real-size random models this way and load them back like a download.
#pragma once

#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/torch_includes.h"

#include <filesystem>

namespace esm::nn {

// Writes named tensors (any device, layout or dtype LibTorch can copy) to a safetensors file, atomically.
void writeTensorFile(const std::filesystem::path& path,
                     const std::vector<std::pair<std::string, at::Tensor>>& tensors);

void saveModelFolder(const torch::nn::Module& module, const EsmConfig& config,
                     const std::filesystem::path& folder);

} // namespace esm::nn
