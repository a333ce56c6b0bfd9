// The models ESM Explorer offers to download, with what a user needs to choose one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace esm {

struct KnownModel {
    std::string repo;
    std::string kind; // "language model" or "folding model"
    std::string purpose;
    std::string parameters;          // "8M", "650M", ...
    std::uint64_t downloadBytes = 0; // of the files we fetch (approximate)
    std::string licence;
};

const std::vector<KnownModel>& knownModels();

} // namespace esm
