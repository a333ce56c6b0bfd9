#include "core/nn/checkpoint/checkpoint_files.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/nn/checkpoint/keras_h5.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/checkpoint/torch_archive.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace esm {
namespace fs = std::filesystem;

namespace {

// The shards named by a HuggingFace index file, in first-use order.
std::vector<fs::path> shardsOf(const fs::path& index) {
    const auto json = nlohmann::json::parse(readFile(index), nullptr, false);
    if (json.is_discarded() || !json.contains("weight_map") || !json["weight_map"].is_object())
        throw Error(index.string() + ": not a valid index (no weight_map object)");
    std::vector<fs::path> shards;
    for (const auto& [name, shard] : json["weight_map"].items()) {
        if (!shard.is_string())
            throw Error(index.string() + ": weight_map entry '" + name + "' is not a file name");
        const std::string file = shard.get<std::string>();
        // A shard is a file beside the index: never a path that leads elsewhere.
        if (file.empty() || file.find('/') != std::string::npos || file.find('\\') != std::string::npos ||
            file == "." || file == "..")
            throw Error(index.string() + " names the shard '" + file.substr(0, 200) +
                        "', which is not a file name in the model folder");
        const fs::path path = index.parent_path() / file;
        if (std::find(shards.begin(), shards.end(), path) == shards.end())
            shards.push_back(path);
    }
    for (const auto& shard : shards)
        if (!fs::exists(shard))
            throw Error(index.string() + " names the shard '" + shard.filename().string() +
                        "', which is missing");
    return shards;
}

} // namespace

std::vector<fs::path> findWeightFiles(const fs::path& folder) {
    // HuggingFace's order of preference: safetensors, then PyTorch pickles, then TensorFlow.
    const std::pair<const char*, const char*> formats[] = {
        {"model.safetensors", "model.safetensors.index.json"},
        {"pytorch_model.bin", "pytorch_model.bin.index.json"},
        {"tf_model.h5", "tf_model.h5.index.json"}};
    for (const auto& [single, index] : formats) {
        if (fs::exists(folder / single))
            return {folder / single};
        if (fs::exists(folder / index))
            return shardsOf(folder / index);
    }
    return {};
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
