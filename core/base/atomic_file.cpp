#include "core/base/atomic_file.h"

#include "core/base/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sstream>
#include <unistd.h>

namespace esm {
namespace fs = std::filesystem;

namespace {

std::string systemReason() {
    return std::strerror(errno);
}

fs::path temporarySibling(const fs::path& path) {
    std::random_device random;
    return path.parent_path() / ("." + path.filename().string() + ".tmp" + std::to_string(random()));
}

// fsync makes the rename durable: without it a crash can leave a renamed but empty file.
void syncToDisk(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open (" + systemReason() + ")");
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad())
        throw Error(path.string() + ": read failed (" + systemReason() + ")");
    return std::move(content).str();
}

std::string readRegularFile(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw Error(path.string() + ": not a regular file");
    return readFile(path);
}

AtomicFileWriter::AtomicFileWriter(fs::path path) : path_(std::move(path)) {
    const fs::path folder = path_.parent_path().empty() ? fs::path(".") : path_.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(path_.string() + ": cannot write, folder '" + folder.string() + "' does not exist");
    if (fs::is_directory(path_, ec))
        throw Error(path_.string() + ": cannot write, it is a folder");
    temporary_ = temporarySibling(path_);
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_)
        throw Error(path_.string() + ": cannot write (" + systemReason() + ")");
}

AtomicFileWriter::~AtomicFileWriter() {
    if (!committed_) {
        out_.close();
        std::error_code ec;
        fs::remove(temporary_, ec);
    }
}

void AtomicFileWriter::commit() {
    out_.flush();
    const bool written = static_cast<bool>(out_);
    const std::string reason = systemReason();
    out_.close();
    if (!written)
        throw Error(path_.string() + ": write failed (" + reason + ")");
    syncToDisk(temporary_);
    std::error_code ec;
    fs::rename(temporary_, path_, ec);
    if (ec)
        throw Error(path_.string() + ": cannot replace file (" + ec.message() + ")");
    committed_ = true;
}

void writeFileAtomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    AtomicFileWriter writer(path);
    write(writer.stream());
    writer.commit();
}

void writeFileAtomically(const fs::path& path, const std::string& content) {
    writeFileAtomically(
        path, [&](std::ostream& out) { out.write(content.data(), std::streamsize(content.size())); });
}

} // namespace esm
