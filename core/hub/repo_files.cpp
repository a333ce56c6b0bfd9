#include "core/hub/repo_files.h"

#include "core/base/error.h"
#include "core/base/json_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

namespace esm {

bool isHexId(const std::string& text, std::size_t length) {
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

RepoSnapshot parseRepoListing(const std::string& text, const std::string& source) {
    RepoSnapshot snapshot;
    try {
        const auto json = parseJsonText(text, source);
        snapshot.commit = json.at("sha").get<std::string>();
        for (const auto& sibling : json.at("siblings")) {
            RepoFile file;
            file.name = sibling.at("rfilename").get<std::string>();
            file.size = sibling.value("size", std::uint64_t(0));
            file.blobId = sibling.value("blobId", std::string());
            if (sibling.contains("lfs") && sibling["lfs"].is_object()) {
                file.sha256 = sibling["lfs"].value("sha256", std::string());
                file.size = sibling["lfs"].value("size", file.size);
            }
            snapshot.files.push_back(std::move(file));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(source + ": not a model listing from the hub (" + e.what() + ")");
    }
    // These become file and folder names in the cache: only their exact forms are accepted.
    if (!isHexId(snapshot.commit, 40))
        throw Error(source + ": the hub's listing names the commit '" + snapshot.commit.substr(0, 80) +
                    "', which is not a 40-digit commit id");
    for (const RepoFile& file : snapshot.files) {
        if (!isHexId(file.blobId, 40))
            throw Error(source + ": the hub's listing gives " + file.name + " no valid git blob id");
        if (file.sha256 && !isHexId(*file.sha256, 64))
            throw Error(source + ": the hub's listing gives " + file.name + " no valid SHA-256");
    }
    return snapshot;
}

std::vector<RepoFile> filesToDownload(const RepoSnapshot& snapshot, const std::string& repo) {
    static const std::regex safetensors(
        R"(model(-\d+-of-\d+)?\.safetensors|model\.safetensors\.index\.json)");
    static const std::regex bin(R"(pytorch_model(-\d+-of-\d+)?\.bin|pytorch_model\.bin\.index\.json)");
    static const char* const small[] = {"config.json", "vocab.txt", "special_tokens_map.json",
                                        "tokenizer_config.json"};
    std::vector<RepoFile> wanted, weights, fallback;
    for (const RepoFile& file : snapshot.files) {
        if (std::find(std::begin(small), std::end(small), file.name) != std::end(small))
            wanted.push_back(file);
        else if (std::regex_match(file.name, safetensors))
            weights.push_back(file);
        else if (std::regex_match(file.name, bin))
            fallback.push_back(file);
    }
    if (weights.empty())
        weights = std::move(fallback);
    if (weights.empty())
        throw Error(repo + " has no model weights (model.safetensors or pytorch_model.bin) at commit " +
                    snapshot.commit);
    if (std::none_of(wanted.begin(), wanted.end(), [](const RepoFile& f) { return f.name == "config.json"; }))
        throw Error(repo + " has no config.json: it is not a HuggingFace transformers model");
    wanted.insert(wanted.end(), weights.begin(), weights.end());
    return wanted;
}

} // namespace esm
