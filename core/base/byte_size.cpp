#include "core/base/byte_size.h"

#include "core/base/error.h"

#include <cctype>
#include <cstdio>
#include <utility>

namespace esm {

std::string gigabytesText(std::size_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GB", double(bytes) / 1e9);
    return text;
}

std::string byteSizeText(double bytes, int decimals) {
    char text[32];
    if (bytes >= 1e9)
        std::snprintf(text, sizeof text, "%.*f GB", decimals, bytes / 1e9);
    else
        std::snprintf(text, sizeof text, "%.*f MB", decimals > 0 ? decimals - 1 : 0, bytes / 1e6);
    return text;
}

std::uint64_t parseByteSize(const std::string& text) {
    std::size_t end = 0;
    double value = 0;
    try {
        value = std::stod(text, &end);
    } catch (const std::exception&) {
        throw Error("'" + text + "' is not a size (e.g. 10GB, 500MB)");
    }
    std::string unit = text.substr(end);
    for (auto& c : unit)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    const std::pair<const char*, double> units[] = {
        {"", 1},      {"B", 1},        {"KB", 1e3},        {"MB", 1e6},          {"GB", 1e9},
        {"TB", 1e12}, {"KIB", 1024.0}, {"MIB", 1048576.0}, {"GIB", 1073741824.0}};
    for (const auto& [name, factor] : units)
        if (unit == name && value > 0)
            return std::uint64_t(value * factor);
    throw Error("'" + text + "' is not a size (e.g. 10GB, 500MB)");
}

} // namespace esm
