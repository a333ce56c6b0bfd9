#include "core/pipeline/convert_model_folder.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/base/mapped_file.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/loading/state_dict_loader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace esm {
namespace fs = std::filesystem;
namespace {

ElementType targetType(const std::optional<std::string>& dtype) {
    if (*dtype == "float32")
        return ElementType::F32;
    if (*dtype == "float16")
        return ElementType::F16;
    if (*dtype == "bfloat16")
        return ElementType::BF16;
    throw Error("--dtype must be float32, float16 or bfloat16, not '" + *dtype + "'");
}

struct Planned {
    const TensorRecord* record;
    ElementType type;
    std::uint64_t bytes;
};

// Tensors in name order, split into files of at most maxShardBytes (a bigger tensor gets its own).
std::vector<std::vector<Planned>> planShards(const CheckpointFiles& files, const ConvertOptions& options) {
    std::vector<std::vector<Planned>> shards(1);
    std::uint64_t inShard = 0;
    for (const auto& name : files.names()) {
        const TensorRecord* record = files.find(name);
        const ElementType type =
            options.dtype && isFloatingPoint(record->type) ? targetType(options.dtype) : record->type;
        const std::uint64_t bytes = std::uint64_t(record->numel()) * elementSize(type);
        if (inShard > 0 && inShard + bytes > options.maxShardBytes) {
            shards.emplace_back();
            inShard = 0;
        }
        shards.back().push_back({record, type, bytes});
        inShard += bytes;
    }
    // Larger elements first, so that every tensor starts aligned and loads in place.
    for (auto& shard : shards)
        std::stable_sort(shard.begin(), shard.end(), [](const Planned& a, const Planned& b) {
            return elementSize(a.type) > elementSize(b.type);
        });
    return shards;
}

std::string shardName(std::size_t index, std::size_t count) {
    if (count == 1)
        return "model.safetensors";
    char name[64];
    std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", index + 1, count);
    return name;
}

// The record as contiguous bytes of `type`: the mapped bytes themselves when nothing changes.
void writeTensor(SafetensorsStreamWriter& writer, const Planned& p) {
    const TensorRecord& record = *p.record;
    if (record.strides.empty() && p.type == record.type) {
        TensorRecord exact = record;
        exact.data = record.contents();
        exact.bytes = record.contiguousBytes();
        writer.write(exact);
    } else {
        const at::Tensor t = nn::tensorFromRecord(record, nn::toScalarType(p.type), at::kCPU).contiguous();
        TensorRecord converted = record;
        converted.type = p.type;
        converted.strides.clear();
        converted.data = static_cast<const std::byte*>(t.data_ptr());
        converted.bytes = t.nbytes();
        writer.write(converted);
    }
    // The source pages are not needed again: keep the resident set near one tensor.
    releaseResidentPages(record.data, record.bytes);
}

// The files besides the weights that loading a model folder reads; nothing else is copied (a README
// or anything else could be a link to a file outside the folder).
constexpr const char* kModelFolderFiles[] = {
    "config.json",    "vocab.txt",         "tokenizer_config.json", "special_tokens_map.json",
    "tokenizer.json", "added_tokens.json", "generation_config.json"};

// Where a model folder may keep its files: inside it, or for a HuggingFace cache snapshot
// (models--org--name/snapshots/REV/) among its repository's blobs, which its links point to.
bool insideModelStorage(const fs::path& source, const fs::path& file) {
    std::error_code ec;
    const fs::path target = fs::canonical(file, ec);
    if (ec)
        return false;
    const fs::path folder = fs::canonical(source, ec);
    const auto within = [&](const fs::path& root) {
        const auto [end, _] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
        return !root.empty() && end == root.end();
    };
    const fs::path repo = folder.parent_path().parent_path();
    return within(folder) || (folder.parent_path().filename() == "snapshots" &&
                              repo.filename().string().starts_with("models--") && within(repo / "blobs"));
}

void copySmallFiles(const fs::path& source, const fs::path& target, const std::optional<std::string>& dtype) {
    for (const char* name : kModelFolderFiles) {
        const fs::path from = source / name;
        if (!fs::exists(from))
            continue;
        if (!fs::is_regular_file(from) || !insideModelStorage(source, from))
            throw Error(from.string() +
                        ": not a regular file of the model folder (a link leading elsewhere?)");
        if (std::string(name) == "config.json" && dtype) {
            auto config = parseJsonText(readRegularFile(from), from.string());
            if (!config.is_object())
                throw Error(from.string() + ": not valid JSON");
            config["torch_dtype"] = *dtype;
            writeFileAtomically(target / name, config.dump(2) + "\n");
        } else {
            fs::copy_file(from, target / name); // follows the HuggingFace cache's links to blobs
        }
    }
}

void writeIndex(const fs::path& folder, const std::vector<std::vector<Planned>>& shards,
                std::uint64_t total) {
    nlohmann::json index;
    index["metadata"]["total_size"] = total;
    for (std::size_t s = 0; s < shards.size(); ++s)
        for (const auto& p : shards[s])
            index["weight_map"][p.record->name] = shardName(s, shards.size());
    writeFileAtomically(folder / "model.safetensors.index.json", index.dump(2) + "\n");
}

// A folder of the program's own beside the destination (a unique name, so nothing of the user's is
// ever taken for it), removed unless the conversion completes.
class StagingFolder {
  public:
    explicit StagingFolder(const fs::path& destination) {
        const fs::path absolute = fs::absolute(destination);
        std::string name = ".";
        name.append(absolute.filename().string()).append(".converting-XXXXXX");
        std::string pattern = absolute.parent_path() / name;
        if (!::mkdtemp(pattern.data()))
            throw Error(absolute.parent_path().string() + ": cannot create a folder to convert into (" +
                        std::strerror(errno) + ")");
        path_ = pattern;
    }
    ~StagingFolder() {
        std::error_code ec;
        if (!done_)
            fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    void moveTo(const fs::path& destination) {
        std::error_code ec;
        if (fs::is_directory(destination))
            fs::remove(destination, ec); // the empty folder the user named (remove refuses any other)
        fs::rename(path_, destination, ec);
        if (ec)
            throw Error(destination.string() + ": cannot move the converted folder into place (" +
                        ec.message() + ")");
        done_ = true;
    }

  private:
    fs::path path_;
    bool done_ = false;
};

void checkDestination(const fs::path& source, const fs::path& destination) {
    if (fs::exists(destination) && !(fs::is_directory(destination) && fs::is_empty(destination)))
        throw Error(destination.string() +
                    ": already exists; converting writes a new folder (give a new name)");
    const fs::path from = fs::weakly_canonical(source), to = fs::weakly_canonical(destination);
    if (std::mismatch(from.begin(), from.end(), to.begin(), to.end()).first == from.end())
        throw Error(destination.string() + ": inside the source folder " + source.string() +
                    " (convert into a folder of its own)");
    const fs::path parent = fs::absolute(destination).parent_path();
    if (!fs::is_directory(parent))
        throw Error(parent.string() + ": no such folder to write the converted model into");
}

} // namespace

bool benefitsFromConversion(const fs::path& folder) {
    // By file names alone: the Models dialog asks on its UI thread whenever a row is selected.
    const auto entry = weightsEntryFile(folder);
    return entry && !entry->filename().string().starts_with("model.safetensors");
}

double secondsToReadWeights(const fs::path& folder, const Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    const CheckpointFiles files = CheckpointFiles::open(folder, progress);
    for (const auto& name : files.names()) {
        progress.checkCancelled();
        const TensorRecord* record = files.find(name);
        const at::ScalarType type =
            isFloatingPoint(record->type) ? at::kFloat : nn::toScalarType(record->type);
        nn::tensorFromRecord(*record, type, at::kCPU)
            .sum()
            .item(); // touches every byte, as a forward pass would
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ConvertResult convertModelFolder(const fs::path& source, const fs::path& destination,
                                 const ConvertOptions& options, const Progress& progress) {
    if (!fs::exists(source / "config.json"))
        throw Error(source.string() + ": no config.json (not a HuggingFace model folder)");
    checkDestination(source, destination);
    if (options.dtype)
        targetType(options.dtype);
    const CheckpointFiles files = CheckpointFiles::open(source, progress);
    const auto shards = planShards(files, options);

    StagingFolder staging(destination);
    ConvertResult result;
    const auto total = std::int64_t(files.names().size());
    std::int64_t done = 0;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        std::vector<SafetensorsStreamWriter::Planned> plan;
        for (const auto& p : shards[s])
            plan.push_back({p.record->name, p.type, p.record->shape});
        const std::string name = shardName(s, shards.size());
        SafetensorsStreamWriter writer(staging.path() / name, plan, {{"format", "pt"}});
        for (const auto& p : shards[s]) {
            progress.checkCancelled();
            progress.step(done++, total, "writing " + name);
            writeTensor(writer, p);
            result.bytes += p.bytes;
        }
        writer.commit();
        result.weightFiles.push_back(name);
    }
    if (shards.size() > 1) {
        writeIndex(staging.path(), shards, result.bytes);
        result.weightFiles.push_back("model.safetensors.index.json");
    }
    copySmallFiles(source, staging.path(), options.dtype);
    progress.step(total, total, "converted");
    staging.moveTo(destination);
    result.tensors = std::size_t(total);
    return result;
}

} // namespace esm
