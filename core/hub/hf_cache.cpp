#include "core/hub/hf_cache.h"

#include "core/base/atomic_file.h"

#include <cstdlib>
#include <fstream>
#include <regex>

namespace esm {
namespace fs = std::filesystem;
namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

fs::path huggingFaceHome() {
    if (const std::string home = environment("HF_HOME"); !home.empty())
        return home;
    if (const std::string xdg = environment("XDG_CACHE_HOME"); !xdg.empty())
        return fs::path(xdg) / "huggingface";
    return fs::path(environment("HOME")) / ".cache" / "huggingface";
}

std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.erase(s.begin());
    return s;
}

// "models--facebook--esmfold_v1" → "facebook/esmfold_v1"
std::optional<std::string> repoOfCacheFolderName(const std::string& name) {
    if (name.rfind("models--", 0) != 0)
        return std::nullopt;
    std::string id = name.substr(8);
    const auto separator = id.find("--");
    if (separator == std::string::npos)
        return std::nullopt;
    id.replace(separator, 2, "/");
    return id;
}

std::uint64_t snapshotBytes(const fs::path& snapshot) {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (const auto& entry : fs::recursive_directory_iterator(snapshot, error))
        if (entry.is_regular_file(error)) // follows the links into blobs/
            bytes += entry.file_size(error);
    return bytes;
}

} // namespace

fs::path huggingFaceCacheRoot() {
    if (const std::string cache = environment("HF_HUB_CACHE"); !cache.empty())
        return cache;
    return huggingFaceHome() / "hub";
}

std::string huggingFaceEndpoint() {
    std::string endpoint = environment("HF_ENDPOINT");
    if (endpoint.empty())
        endpoint = "https://huggingface.co";
    while (!endpoint.empty() && endpoint.back() == '/')
        endpoint.pop_back();
    return endpoint;
}

std::string huggingFaceToken() {
    if (const std::string token = environment("HF_TOKEN"); !token.empty())
        return trimmed(token);
    std::ifstream in(huggingFaceHome() / "token");
    std::string token;
    std::getline(in, token);
    return trimmed(token);
}

bool isRepoId(const std::string& text) {
    static const std::regex pattern("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$");
    return std::regex_match(text, pattern);
}

fs::path repoCacheFolder(const fs::path& root, const std::string& repo) {
    std::string name = "models--" + repo;
    for (std::size_t at = name.find('/'); at != std::string::npos; at = name.find('/'))
        name.replace(at, 1, "--");
    return root / name;
}

fs::path refFile(const fs::path& repoFolder, const std::string& revision) {
    return repoFolder / "refs" / revision;
}
fs::path snapshotFolder(const fs::path& repoFolder, const std::string& commit) {
    return repoFolder / "snapshots" / commit;
}
fs::path blobFile(const fs::path& repoFolder, const std::string& blob) {
    return repoFolder / "blobs" / blob;
}

std::optional<std::string> repoOfSnapshot(const fs::path& folder) {
    const fs::path snapshot = folder.lexically_normal();
    const fs::path parent = (snapshot.has_filename() ? snapshot : snapshot.parent_path()).parent_path();
    if (parent.filename() != "snapshots")
        return std::nullopt;
    return repoOfCacheFolderName(parent.parent_path().filename().string());
}

std::optional<fs::path> cachedSnapshot(const fs::path& root, const std::string& repo,
                                       const std::string& revision) {
    const fs::path folder = repoCacheFolder(root, repo);
    std::string commit = revision;
    if (std::ifstream ref(refFile(folder, revision)); ref)
        std::getline(ref, commit);
    commit = trimmed(commit);
    const fs::path snapshot = snapshotFolder(folder, commit);
    std::error_code error;
    if (commit.empty() || !fs::exists(snapshot / "config.json", error))
        return std::nullopt;
    return snapshot;
}

std::vector<CachedModel> listCachedModels(const fs::path& root) {
    std::vector<CachedModel> models;
    std::error_code error;
    for (const auto& repo : fs::directory_iterator(root, error)) {
        const auto id = repoOfCacheFolderName(repo.path().filename().string());
        if (!id)
            continue;
        for (const auto& snapshot : fs::directory_iterator(repo.path() / "snapshots", error))
            if (fs::exists(snapshot.path() / "config.json", error))
                models.push_back({*id, snapshot.path().filename().string(), snapshot.path(),
                                  snapshotBytes(snapshot.path())});
    }
    std::sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.repo < b.repo; });
    return models;
}

} // namespace esm
