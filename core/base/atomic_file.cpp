#include "core/base/atomic_file.h"

#include "core/base/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace esm {
namespace fs = std::filesystem;

namespace {

std::string systemReason() { return std::strerror(errno); }

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

void writeFileAtomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(path.string() + ": cannot write, folder '" + folder.string() + "' does not exist");
    if (fs::is_directory(path, ec))
        throw Error(path.string() + ": cannot write, it is a folder");

    const fs::path temporary = temporarySibling(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path.string() + ": cannot write (" + systemReason() + ")");
        try {
            write(out);
        } catch (...) {
            out.close();
            fs::remove(temporary, ec);
            throw;
        }
        out.flush();
        if (!out) {
            const std::string reason = systemReason();
            out.close();
            fs::remove(temporary, ec);
            throw Error(path.string() + ": write failed (" + reason + ")");
        }
    }
    syncToDisk(temporary);
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw Error(path.string() + ": cannot replace file (" + ec.message() + ")");
    }
}

void writeFileAtomically(const fs::path& path, const std::string& content) {
    writeFileAtomically(path, [&](std::ostream& out) { out.write(content.data(), std::streamsize(content.size())); });
}

} // namespace esm
