#include "core/base/error.h"

namespace esm {

std::string locate(const std::string& file, long line, long column, const std::string& message) {
    std::string where = file;
    if (line > 0) {
        where.append(where.empty() ? "line " : ":");
        where.append(std::to_string(line));
        if (column > 0) {
            where.push_back(':');
            where.append(std::to_string(column));
        }
    }
    if (where.empty())
        return message;
    where.append(": ");
    where.append(message);
    return where;
}

std::string terminalSafe(const std::string& text) {
    std::string safe;
    safe.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
            static const char* const digits = "0123456789ABCDEF";
            safe.append("\\x").push_back(digits[u >> 4]);
            safe.push_back(digits[u & 15]);
        } else {
            safe.push_back(c);
        }
    }
    return safe;
}

} // namespace esm
