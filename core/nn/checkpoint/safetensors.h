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

void writeSafetensors(const std::filesystem::path& path, const std::vector<OwnedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

// Writes a file too large to hold in memory: the header is planned from every tensor's name, type
// and shape, then the data follows in exactly that order. Atomic: nothing appears until commit().
class SafetensorsStreamWriter {
  public:
    struct Planned {
        std::string name;
        ElementType type;
        std::vector<std::int64_t> shape;
    };
    SafetensorsStreamWriter(const std::filesystem::path& path, std::vector<Planned> plan,
                            const std::map<std::string, std::string>& metadata = {});
    ~SafetensorsStreamWriter();
    // The next planned tensor; Error if name, type or shape differ from the plan.
    void write(const TensorRecord& tensor);
    void write(const OwnedTensor& tensor) { write(recordOf(tensor)); }
    // Error unless every planned tensor was written.
    void commit();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace esm
