#include "core/io/compressed_file.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"

#include <algorithm>
#include <cctype>
#include <zlib.h>

namespace esm {

bool isGzip(const std::string& bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(const std::string& bytes, const std::string& sourceName) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw Error(sourceName + ": cannot start gzip decompression");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());

    // Structure and sequence text shrinks 4-10 times; far more is a gzip bomb, stopped before it
    // takes the machine's memory.
    const std::size_t limit = std::max<std::size_t>(64u << 20, bytes.size() * kMaxGzipRatio);
    std::string out;
    char buffer[1 << 16];
    int status = Z_OK;
    while (status != Z_STREAM_END || stream.avail_in > 0) {
        if (out.size() > limit) {
            inflateEnd(&stream);
            throw Error(sourceName + ": decompresses to more than " + std::to_string(limit >> 20) +
                        " MB (over " + std::to_string(kMaxGzipRatio) +
                        " times its compressed size): not structure or sequence text");
        }
        if (status == Z_STREAM_END) // concatenated gzip members, as `cat a.gz b.gz` makes
            inflateReset(&stream);
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break;
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            throw Error(sourceName + ": corrupt gzip data (" + (stream.msg ? stream.msg : "inflate failed") +
                        ")");
        }
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw Error(sourceName + ": truncated gzip data");
    return out;
}

std::string readMaybeCompressed(const std::filesystem::path& path) {
    std::string bytes = readFile(path);
    return isGzip(bytes) ? gunzip(bytes, path.string()) : bytes;
}

namespace {
std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}
std::filesystem::path withoutGz(const std::filesystem::path& path) {
    return lower(path.extension().string()) == ".gz" ? path.parent_path() / path.stem() : path;
}
} // namespace

std::string structureStem(const std::filesystem::path& path) {
    return withoutGz(path).stem().string();
}

std::string formatExtension(const std::filesystem::path& path) {
    return lower(withoutGz(path).extension().string());
}

} // namespace esm
