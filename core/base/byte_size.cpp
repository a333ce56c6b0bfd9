#include "core/base/byte_size.h"

#include <cstdio>

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

} // namespace esm
