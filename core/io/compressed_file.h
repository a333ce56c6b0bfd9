// Reads a file whole, undoing gzip compression when the file has it (`.pdb.gz`, `.cif.gz`).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace esm {

// Decompressed text may be at most this many times its compressed size (and 64 MB in any case).
inline constexpr std::size_t kMaxGzipRatio = 50;

// Detects gzip by its magic bytes, not the extension. Throws Error naming the file when it is
// missing, unreadable, a corrupt/truncated gzip stream, or a gzip bomb.
std::string readMaybeCompressed(const std::filesystem::path& path);
std::string gunzip(const std::string& bytes, const std::string& sourceName);
bool isGzip(const std::string& bytes);

// The file name without `.gz` and without its format extension: "1abc.cif.gz" -> "1abc".
std::string structureStem(const std::filesystem::path& path);
// The format extension, lower-case, ignoring a trailing `.gz`: "1abc.CIF.gz" -> ".cif".
std::string formatExtension(const std::filesystem::path& path);

} // namespace esm
