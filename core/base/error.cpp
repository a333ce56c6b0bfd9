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

} // namespace esm
