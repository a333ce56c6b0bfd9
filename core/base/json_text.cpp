#include "core/base/json_text.h"

#include "core/base/error.h"

namespace esm {
namespace {

// The deepest nesting of arrays and objects, found in one linear pass that skips strings.
int nestingDepth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > kMaxJsonDepth)
                return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

nlohmann::json parseJsonText(std::string_view text, const std::string& source) {
    if (nestingDepth(text) > kMaxJsonDepth)
        throw Error(source + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                    " levels (not a file ESM Explorer reads)");
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        std::string reason = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." without the tag.
        if (const auto tag = reason.find("] ");
            reason.starts_with("[json.exception") && tag != std::string::npos)
            reason.erase(0, tag + 2);
        throw Error(source + ": not valid JSON (" + reason.substr(0, 200) + ")");
    }
}

std::string jsonPreview(const nlohmann::json& value) {
    const std::string count = std::to_string(value.size()), plural = value.size() == 1 ? "" : "s";
    if (value.is_array())
        return "a list of " + count + " item" + plural;
    if (value.is_object())
        return "an object with " + count + " field" + plural;
    std::string text = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

} // namespace esm
