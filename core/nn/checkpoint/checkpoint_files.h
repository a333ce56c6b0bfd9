// The weights of a HuggingFace model folder, whichever way they are stored: model.safetensors,
// sharded safetensors (model.safetensors.index.json), pytorch_model.bin, sharded .bin files, or
// TensorFlow's tf_model.h5 (whole or sharded), named as PyTorch parameters.
// One lookup by tensor name; the files stay mapped for as long as this object lives.
#pragma once

#include "core/base/progress.h"
#include "core/nn/checkpoint/tensor_record.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace esm {

class CheckpointFiles {
  public:
    // Opens the weights of `folder`; throws Error listing what a model folder must contain.
    static CheckpointFiles open(const std::filesystem::path& folder,
                                const Progress& progress = Progress::none());
    // A single weights file (.safetensors, .bin or .h5).
    static CheckpointFiles openFile(const std::filesystem::path& file);

    const TensorRecord* find(const std::string& name) const;
    std::vector<std::string> names() const;
    std::set<ElementType> elementTypes() const;
    std::size_t totalBytes() const;
    std::int64_t elementCount() const;
    // The weight files, e.g. {"model.safetensors"}.
    const std::vector<std::filesystem::path>& files() const { return files_; }

  private:
    void add(const std::filesystem::path& file);
    std::vector<std::filesystem::path> files_;
    std::vector<std::shared_ptr<const void>> owners_; // file mappings and buffers the records point into
    std::map<std::string, TensorRecord> records_;
};

// The file that says how a folder's weights are stored (model.safetensors, an index, pytorch_model.bin,
// tf_model.h5), by name alone, in HuggingFace's order of preference; nothing is read.
std::optional<std::filesystem::path> weightsEntryFile(const std::filesystem::path& folder);

// The weight files a folder would be read from, or an empty list.
std::vector<std::filesystem::path> findWeightFiles(const std::filesystem::path& folder);

} // namespace esm
