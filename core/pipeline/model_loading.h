// What every model load starts with, for the language models and ESMFold alike: the runtime
// options parsed, config.json read and checked by the caller, the weight files opened and, on the
// CPU, checked to fit in the memory left. Inside the pipeline (LibTorch types).
#pragma once

#include "core/base/progress.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/runtime/compute_options.h"
#include "core/pipeline/runtime_options.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace esm {

struct OpenedModelFolder {
    nn::ComputeOptions compute;
    EsmConfig config;
    CheckpointFiles files;
};

// `checkConfig` throws Error when the folder's config is not for this kind of model (before any
// weight file is opened).
OpenedModelFolder openModelFolder(const std::filesystem::path& folder, const RuntimeOptions& options,
                                  const Progress& progress,
                                  const std::function<void(const EsmConfig&)>& checkConfig);

// The element types stored in the weight files, by name ("F16", "F32", ...).
std::vector<std::string> storedTypeNames(const CheckpointFiles& files);

} // namespace esm
