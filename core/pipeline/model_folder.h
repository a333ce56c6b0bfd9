// What a HuggingFace model folder holds, checked without loading its weights: for esmx info, the
// Open Model dialog and the model manager.
#pragma once

#include "core/nn/checkpoint/hf_config.h"

#include <filesystem>
#include <string>
#include <vector>

namespace esm {

enum class ModelKind { LanguageModel, Folding };

struct ModelFolderInfo {
    std::filesystem::path folder;
    EsmConfig config;
    ModelKind kind = ModelKind::LanguageModel;
    std::string architecture;
    std::int64_t parameters = 0; // of the model the architecture builds
    std::vector<std::string> storedTypes;
    std::size_t weightBytes = 0;
    std::vector<std::string> weightFiles;
    bool hasVocabulary = false;
    // Empty when every tensor the model needs is present with the right shape; otherwise what is not.
    std::string problems;
};

// Throws Error with a message a user can act on when `folder` is not an ESM model folder.
ModelFolderInfo inspectModelFolder(const std::filesystem::path& folder);

std::string modelKindName(ModelKind kind);

} // namespace esm
