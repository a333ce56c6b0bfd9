// The directory of a zip archive held in memory (zip64 included), as `torch.save` writes it:
// entries stored uncompressed, so each one is a byte range of the mapped file.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace esm {

struct ZipEntry {
    std::string name;
    std::span<const std::byte> data;
};

// Throws Error (prefixed with `file`) for a malformed directory, an entry outside the file, or a
// compressed entry.
std::vector<ZipEntry> readZipDirectory(std::span<const std::byte> archive, const std::string& file);

} // namespace esm
