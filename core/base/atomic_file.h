// Whole-file reads and crash-safe writes: a write goes to a temporary file beside the target and is
// renamed over it only when complete, so a failed or interrupted write never destroys earlier work.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace esm {

std::string readFile(const std::filesystem::path& path);

// Calls `write` with a stream on a temporary file, flushes it to disk and renames it to `path`.
// Throws Error naming the path when the folder is missing or not writable, or the disk is full.
void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);
void writeFileAtomically(const std::filesystem::path& path, const std::string& content);

} // namespace esm
