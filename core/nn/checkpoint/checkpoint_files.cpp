#include "core/nn/checkpoint/checkpoint_files.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/nn/checkpoint/keras_h5.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/checkpoint/torch_archive.h"

#include <nlohmann/json.hpp>

#include <set>

namespace esm {
namespace fs = std::filesystem;

namespace {

// esm2_t48_15B comes in a few dozen shards.
constexpr std::size_t kMostShards = 10'000;

// The shards named by a HuggingFace index file, in first-use order.
std::vector<fs::path> shardsOf(const fs::path& index) {
    const auto json = parseJsonText(readRegularFile(index), index.string());
    if (!json.is_object() || !json.contains("weight_map") || !json["weight_map"].is_object())
        throw Error(index.string() + ": not a valid index (no weight_map object)");
    std::vector<fs::path> shards;
    std::set<std::string> known;
    for (const auto& [name, shard] : json["weight_map"].items()) {
        if (!shard.is_string())
            throw Error(index.string() + ": weight_map entry '" + name + "' is not a file name");
        const std::string file = shard.get<std::string>();
        // A shard is a file beside the index: never a path that leads elsewhere.
        if (file.empty() || file.find('/') != std::string::npos || file.find('\\') != std::string::npos ||
            file == "." || file == "..")
            throw Error(index.string() + " names the shard '" + file.substr(0, 200) +
                        "', which is not a file name in the model folder");
        if (known.insert(file).second)
            shards.push_back(index.parent_path() / file);
        if (shards.size() > kMostShards)
            throw Error(index.string() + " names more than " + std::to_string(kMostShards) +
                        " shards, more than any model has");
    }
    for (const auto& shard : shards) {
        if (!fs::exists(shard))
            throw Error(index.string() + " names the shard '" + shard.filename().string() +
                        "', which is missing");
        if (!fs::is_regular_file(shard))
            throw Error(index.string() + " names the shard '" + shard.filename().string() +
                        "', which is not a regular file");
    }
    return shards;
}

} // namespace

std::optional<fs::path> weightsEntryFile(const fs::path& folder) {
    // HuggingFace's order of preference: safetensors, then PyTorch pickles, then TensorFlow.
    for (const char* name : {"model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
                             "pytorch_model.bin.index.json", "tf_model.h5", "tf_model.h5.index.json"})
        if (fs::exists(folder / name))
            return folder / name;
    return std::nullopt;
}

std::vector<fs::path> findWeightFiles(const fs::path& folder) {
    const auto entry = weightsEntryFile(folder);
    if (!entry)
        return {};
    if (entry->extension() == ".json")
        return shardsOf(*entry);
    return {*entry};
}

CheckpointFiles CheckpointFiles::open(const fs::path& folder, const Progress& progress) {
    if (!fs::is_directory(folder))
        throw Error(folder.string() +
                    ": not a folder (a model is a HuggingFace folder with config.json and weights)");
    const auto files = findWeightFiles(folder);
    if (files.empty())
        throw Error(folder.string() +
                    ": no weights (expected model.safetensors, pytorch_model.bin or tf_model.h5, "
                    "or a sharded model.safetensors.index.json / pytorch_model.bin.index.json / "
                    "tf_model.h5.index.json)");
    CheckpointFiles checkpoint;
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.checkCancelled();
        progress.step(static_cast<std::int64_t>(i), static_cast<std::int64_t>(files.size()),
                      "reading " + files[i].filename().string());
        checkpoint.add(files[i]);
    }
    return checkpoint;
}

CheckpointFiles CheckpointFiles::openFile(const fs::path& file) {
    CheckpointFiles checkpoint;
    checkpoint.add(file);
    return checkpoint;
}

void CheckpointFiles::add(const fs::path& file) {
    std::vector<TensorRecord> tensors;
    if (file.extension() == ".safetensors") {
        auto st = readSafetensors(file);
        owners_.push_back(st.mapping);
        tensors = std::move(st.tensors);
    } else if (file.extension() == ".h5") {
        auto keras = readKerasH5(file);
        owners_.push_back(keras.owner);
        tensors = std::move(keras.tensors);
    } else {
        auto archive = readTorchArchive(file);
        owners_.push_back(archive.mapping);
        tensors = std::move(archive.tensors);
    }
    for (auto& t : tensors) {
        t.owner = owners_.back();
        const std::string name = t.name;
        if (!records_.emplace(name, std::move(t)).second)
            throw Error(file.string() + ": tensor '" + name + "' appears in more than one weight file");
    }
    files_.push_back(file);
}

const TensorRecord* CheckpointFiles::find(const std::string& name) const {
    const auto it = records_.find(name);
    return it == records_.end() ? nullptr : &it->second;
}

std::vector<std::string> CheckpointFiles::names() const {
    std::vector<std::string> names;
    for (const auto& [name, record] : records_)
        names.push_back(name);
    return names;
}

std::set<ElementType> CheckpointFiles::elementTypes() const {
    std::set<ElementType> types;
    for (const auto& [name, record] : records_)
        types.insert(record.type);
    return types;
}

std::int64_t CheckpointFiles::elementCount() const {
    std::int64_t total = 0;
    for (const auto& [name, record] : records_)
        total += record.numel();
    return total;
}

std::size_t CheckpointFiles::totalBytes() const {
    std::size_t total = 0;
    for (const auto& [name, record] : records_)
        total += record.contiguousBytes();
    return total;
}

} // namespace esm
