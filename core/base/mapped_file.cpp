#include "core/base/mapped_file.h"

#include "core/base/error.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace esm {

std::shared_ptr<const MappedFile> MappedFile::open(const std::filesystem::path& path) {
    // Non-blocking: opening a FIFO named as a weights file returns at once and is refused below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw Error(path.string() + ": cannot open (" + std::strerror(errno) + ")");
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw Error(path.string() + ": not a regular file");
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    void* address = nullptr;
    if (size > 0) {
        // Private and writable: pages are shared with the page cache until written, and a write
        // (never intended) would copy a page instead of faulting.
        address = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (address == MAP_FAILED) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            throw Error(path.string() + ": cannot map into memory (" + reason + ")");
        }
    }
    ::close(fd);
    return std::shared_ptr<const MappedFile>(new MappedFile(path, static_cast<std::byte*>(address), size));
}

void releaseResidentPages(const std::byte* data, std::size_t bytes) {
    if (!data) // bytes read into memory on first use, not a mapping
        return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) / page * page;
    if (end > begin)
        // Unmapped from this process, left in the page cache (MADV_PAGEOUT would evict them, and
        // the next load would read the file from disk). Advice only: failure is harmless.
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
    if (data_)
        ::munmap(data_, size_);
}

} // namespace esm
