// What a model repository on the hub holds, from its revision listing
// (GET /api/models/REPO/revision/REV?blobs=true), and which of its files the loader needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace esm {

struct RepoFile {
    std::string name;
    std::uint64_t size = 0;
    std::string blobId;                // git object id (SHA-1 of "blob SIZE\0" + content)
    std::optional<std::string> sha256; // for LFS files: the content's SHA-256
};

struct RepoSnapshot {
    std::string commit;
    std::vector<RepoFile> files;
};

// Error naming `source` when the listing is not one, or when its commit, blob ids or SHA-256s are
// not in their exact forms (40, 40 and 64 lower-case hex digits): they name files in the cache.
RepoSnapshot parseRepoListing(const std::string& json, const std::string& source);
// `length` lower-case hexadecimal digits and nothing else.
bool isHexId(const std::string& text, std::size_t length);

// config.json, vocab.txt and the tokenizer's small files, and one set of weights: safetensors
// (single or sharded, with its index) when present, else PyTorch .bin. Error when there are none.
std::vector<RepoFile> filesToDownload(const RepoSnapshot& snapshot, const std::string& repo);

} // namespace esm
