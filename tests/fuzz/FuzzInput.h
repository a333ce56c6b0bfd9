// What every fuzz target shares: the input as text or bytes, a file holding it for the readers
// that map files, and the rule that only esm::Error may leave a reader (anything else, a crash
// or a sanitizer report is a finding).
#pragma once

#include "core/base/error.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace fuzzinput {

inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

inline std::span<const std::byte> bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const std::byte*>(data), size};
}

// The input written to one file per process in /dev/shm (or /tmp), overwritten on every run.
inline std::string asFile(const std::uint8_t* data, std::size_t size, const char* suffix) {
    static const std::string folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    const std::string path = folder + "/esmx-fuzz-" + std::to_string(getpid()) + suffix;
    if (std::FILE* file = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, file);
        std::fclose(file);
    }
    return path;
}

// Runs a reader; a clear refusal (esm::Error) is a pass.
template <typename Read> int expectReadOrRefusal(Read&& read) {
    try {
        read();
    } catch (const esm::Error&) {
    }
    return 0;
}

} // namespace fuzzinput
