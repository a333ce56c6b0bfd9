// Sizes of files, downloads and memory as people read them (decimal units, as disks and system
// monitors show them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace esm {

// "14.1 GB": memory in messages, always in gigabytes.
std::string gigabytesText(std::size_t bytes);

// "2.6 GB" from a gigabyte up, "350 MB" below; `decimals` for gigabytes, one fewer for megabytes.
std::string byteSizeText(double bytes, int decimals = 1);

// "10GB", "500MB", "2GiB", or a number of bytes, as HuggingFace's max_shard_size takes them; Error
// for anything else.
std::uint64_t parseByteSize(const std::string& text);

} // namespace esm
