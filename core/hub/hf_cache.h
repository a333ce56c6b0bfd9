// The HuggingFace cache that `transformers` and `huggingface_hub` share: models--ORG--NAME folders
// holding blobs/ (files by hash), snapshots/COMMIT/ (links to the blobs) and refs/REVISION (the
// commit a branch or tag points at). We find models there and download into the same layout.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace esm {

// $HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
std::filesystem::path huggingFaceCacheRoot();
// $HF_ENDPOINT, else https://huggingface.co (no trailing slash).
std::string huggingFaceEndpoint();
// $HF_TOKEN, else the token file `huggingface-cli login` saves ($HF_HOME/token); empty when none.
std::string huggingFaceToken();

// "facebook/esm2_t6_8M_UR50D": an owner and a name of letters, digits, '-', '_' and '.'.
bool isRepoId(const std::string& text);
// root / "models--facebook--esm2_t6_8M_UR50D"
std::filesystem::path repoCacheFolder(const std::filesystem::path& root, const std::string& repo);

// Inside a repository's cache folder: refs/REVISION (a file holding the commit), snapshots/COMMIT
// (links named like the repository's files) and blobs/NAME (the files, by hash).
std::filesystem::path refFile(const std::filesystem::path& repoFolder, const std::string& revision);
std::filesystem::path snapshotFolder(const std::filesystem::path& repoFolder, const std::string& commit);
std::filesystem::path blobFile(const std::filesystem::path& repoFolder, const std::string& blob);
// The repository a folder of the cache layout holds a snapshot of ("facebook/esmfold_v1" for
// …/models--facebook--esmfold_v1/snapshots/COMMIT), or nothing for any other folder.
std::optional<std::string> repoOfSnapshot(const std::filesystem::path& folder);

// The snapshot folder of `revision` (a branch, tag or commit) when it is complete enough to load
// (config.json present), else nothing.
std::optional<std::filesystem::path> cachedSnapshot(const std::filesystem::path& root,
                                                    const std::string& repo,
                                                    const std::string& revision = "main");

struct CachedModel {
    std::string repo, commit;
    std::filesystem::path folder; // the snapshot
    std::uint64_t bytes = 0;      // of the files it links to
};
// Every model snapshot in the cache that has a config.json.
std::vector<CachedModel> listCachedModels(const std::filesystem::path& root);

} // namespace esm
