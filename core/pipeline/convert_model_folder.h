// Any model folder ESM Explorer reads (safetensors, sharded, pytorch_model.bin, sharded .bin,
// tf_model.h5, sharded .h5) rewritten as a safetensors folder, which loads in place and fastest.
// One tensor is held at a time; the result appears only when complete.
#pragma once

#include "core/base/progress.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace esm {

struct ConvertOptions {
    // float32 | float16 | bfloat16; none: every tensor keeps its stored type.
    std::optional<std::string> dtype;
    // A file holds at most this many bytes of tensors before the next shard starts
    // (HuggingFace's save_pretrained default, 10 GB).
    std::uint64_t maxShardBytes = 10'000'000'000ULL;
};

struct ConvertResult {
    std::vector<std::string> weightFiles; // model.safetensors, or the shards then the index
    std::size_t tensors = 0;
    std::uint64_t bytes = 0;
};

// Writes `destination` (which must not exist, or be an empty folder) from `source`; config.json,
// the vocabulary and the other small files are copied (config.json's torch_dtype follows --dtype).
// Throws Error naming the source or destination at fault; Cancelled leaves nothing behind.
ConvertResult convertModelFolder(const std::filesystem::path& source,
                                 const std::filesystem::path& destination, const ConvertOptions& options,
                                 const Progress& progress = Progress::none());

// True when a folder's weights are not already safetensors (a conversion would speed up loading);
// decided from file names, without reading any file.
bool benefitsFromConversion(const std::filesystem::path& folder);

// Seconds to read every weight of a folder into memory as a model load does (opened, converted to
// float32 where stored otherwise, every byte touched): what a conversion saves, shown to users.
double secondsToReadWeights(const std::filesystem::path& folder, const Progress& progress = Progress::none());

} // namespace esm
