// pytorch_model.bin: a zip archive holding data.pkl (the state dict) and one raw record per
// storage. Read in place through mmap: each tensor points into its storage record.
#pragma once

#include "core/base/mapped_file.h"
#include "core/nn/checkpoint/tensor_record.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace esm {

struct TorchArchive {
    std::shared_ptr<const MappedFile> mapping;
    std::vector<TensorRecord> tensors;
};

// Throws Error naming the file (and tensor) for anything malformed or out of bounds.
TorchArchive readTorchArchive(const std::filesystem::path& path);

} // namespace esm
