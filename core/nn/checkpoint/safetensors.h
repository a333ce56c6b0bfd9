// The safetensors format: an 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the raw data. Every field is checked: a file is
// untrusted input.
#pragma once

#include "core/base/mapped_file.h"
#include "core/nn/checkpoint/tensor_record.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace esm {

struct SafetensorsFile {
    std::shared_ptr<const MappedFile> mapping; // keeps every record's data alive
    std::map<std::string, std::string> metadata;
    std::vector<TensorRecord> tensors;
};

// Maps the file and validates its header; throws Error naming the file and tensor at fault.
SafetensorsFile readSafetensors(const std::filesystem::path& path);
SafetensorsFile parseSafetensors(std::shared_ptr<const MappedFile> mapping);

// Writes contiguous records (their `data`/`bytes`), atomically.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorRecord>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

// Tensors with owned bytes, for results computed in memory.
struct OwnedTensor {
    std::string name;
    ElementType type = ElementType::F32;
    std::vector<std::int64_t> shape;
    std::vector<std::byte> bytes;

    TensorRecord view() const;
    template <typename T>
    const T* as() const { return reinterpret_cast<const T*>(bytes.data()); }
};

void writeSafetensors(const std::filesystem::path& path, const std::vector<OwnedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

} // namespace esm
