// The hub's repository listing (api/models/REPO/revision/REV): the names and hashes that become
// paths in the cache.
#include "FuzzInput.h"

#include "core/hub/repo_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal([&] {
        const esm::RepoSnapshot snapshot = esm::parseRepoListing(fuzzinput::text(data, size), "fuzz listing");
        esm::filesToDownload(snapshot, "facebook/esm2_t6_8M_UR50D");
    });
}
