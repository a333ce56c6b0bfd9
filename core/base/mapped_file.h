// A read-only view of a whole file through mmap: checkpoints are read in place, without a copy.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

namespace esm {

class MappedFile {
  public:
    // Throws Error naming the file when it cannot be opened or mapped.
    static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::byte* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::span<const std::byte> bytes() const { return {data_, size_}; }
    const std::filesystem::path& path() const { return path_; }

  private:
    MappedFile(std::filesystem::path path, std::byte* data, std::size_t size)
        : path_(std::move(path)), data_(data), size_(size) {}
    std::filesystem::path path_;
    std::byte* data_;
    std::size_t size_;
};

// Hands the pages wholly inside [data, data + bytes) back to the kernel, contents kept (a later read
// faults them in again): streaming through a large mapping then holds about one record resident.
void releaseResidentPages(const std::byte* data, std::size_t bytes);

} // namespace esm
