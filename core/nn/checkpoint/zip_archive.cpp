#include "core/nn/checkpoint/zip_archive.h"

#include "core/base/error.h"

#include <cstdint>
#include <cstring>

namespace esm {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;

class Reader {
  public:
    Reader(std::span<const std::byte> bytes, const std::string& file) : bytes_(bytes), file_(file) {}

    template <typename T> T at(std::uint64_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T))
            fail("zip structure points outside the file (truncated file?)");
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }
    std::string text(std::uint64_t offset, std::uint64_t length) const {
        if (offset > bytes_.size() || bytes_.size() - offset < length)
            fail("zip entry name lies outside the file (truncated file?)");
        return std::string(reinterpret_cast<const char*>(bytes_.data() + offset), length);
    }
    std::size_t size() const { return bytes_.size(); }
    std::span<const std::byte> range(std::uint64_t offset, std::uint64_t length,
                                     const std::string& entry) const {
        if (offset > bytes_.size() || bytes_.size() - offset < length)
            fail("entry '" + entry + "' lies outside the file (truncated file?)");
        return bytes_.subspan(offset, length);
    }
    [[noreturn]] void fail(const std::string& message) const { throw Error(file_ + ": " + message); }

  private:
    std::span<const std::byte> bytes_;
    const std::string& file_;
};

std::uint64_t findEndOfDirectory(const Reader& r) {
    if (r.size() < 22)
        r.fail("too short to be a zip archive (not a PyTorch checkpoint?)");
    const std::uint64_t lowest = r.size() >= 22 + 65535 ? r.size() - 22 - 65535 : 0;
    for (std::uint64_t at = r.size() - 22;; --at) {
        if (r.at<std::uint32_t>(at) == kEndOfDirectory)
            return at;
        if (at == lowest)
            break;
    }
    r.fail("no zip end-of-directory record (not a PyTorch checkpoint, or truncated)");
}

// Zip64 extra field (id 1): the 64-bit values of whichever 32-bit fields were saturated.
void readZip64Extra(const Reader& r, std::uint64_t extra, std::uint16_t extraLength,
                    std::uint64_t& uncompressed, std::uint64_t& compressed, std::uint64_t& localOffset) {
    for (std::uint64_t at = extra; at + 4 <= extra + extraLength;) {
        const auto id = r.at<std::uint16_t>(at), length = r.at<std::uint16_t>(at + 2);
        if (id == 1) {
            std::uint64_t field = at + 4;
            for (std::uint64_t* value : {&uncompressed, &compressed, &localOffset})
                if (*value == 0xFFFFFFFFu && field + 8 <= at + 4 + length) {
                    *value = r.at<std::uint64_t>(field);
                    field += 8;
                }
        }
        at += 4 + length;
    }
}

} // namespace

std::vector<ZipEntry> readZipDirectory(std::span<const std::byte> archive, const std::string& file) {
    const Reader r(archive, file);
    const std::uint64_t end = findEndOfDirectory(r);
    std::uint64_t count = r.at<std::uint16_t>(end + 10);
    std::uint64_t directory = r.at<std::uint32_t>(end + 16);
    if (end >= 20 && r.at<std::uint32_t>(end - 20) == kZip64Locator) {
        const auto record = r.at<std::uint64_t>(end - 20 + 8);
        if (r.at<std::uint32_t>(record) != kZip64EndOfDirectory)
            r.fail("broken zip64 end-of-directory record");
        count = r.at<std::uint64_t>(record + 32);
        directory = r.at<std::uint64_t>(record + 48);
    }

    std::vector<ZipEntry> entries;
    std::uint64_t at = directory;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (r.at<std::uint32_t>(at) != kDirectoryEntry)
            r.fail("broken zip directory entry " + std::to_string(i));
        const auto method = r.at<std::uint16_t>(at + 10);
        std::uint64_t compressed = r.at<std::uint32_t>(at + 20);
        std::uint64_t uncompressed = r.at<std::uint32_t>(at + 24);
        const auto nameLength = r.at<std::uint16_t>(at + 28), extraLength = r.at<std::uint16_t>(at + 30),
                   commentLength = r.at<std::uint16_t>(at + 32);
        std::uint64_t localOffset = r.at<std::uint32_t>(at + 42);
        const std::string name = r.text(at + 46, nameLength);
        readZip64Extra(r, at + 46 + nameLength, extraLength, uncompressed, compressed, localOffset);
        if (method != 0)
            r.fail("entry '" + name + "' is compressed (method " + std::to_string(method) +
                   "); PyTorch checkpoints store entries uncompressed");
        if (r.at<std::uint32_t>(localOffset) != kLocalHeader)
            r.fail("entry '" + name + "' has a broken local header");
        const std::uint64_t dataStart =
            localOffset + 30 + r.at<std::uint16_t>(localOffset + 26) + r.at<std::uint16_t>(localOffset + 28);
        entries.push_back({name, r.range(dataStart, uncompressed, name)});
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

} // namespace esm
