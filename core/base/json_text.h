// JSON read from files a user was handed (config.json, safetensors headers, indexes, PAE files,
// sessions). nlohmann's copy, dump and comparison recurse once per nesting level, so a document
// nested a million deep overflows the stack wherever it is walked: depth is bounded before parsing,
// and messages quote a value only in short.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace esm {

// Deeper than any file ESM Explorer reads (config.json nests four levels).
constexpr int kMaxJsonDepth = 64;

// Throws Error "<source>: not valid JSON (...)" or "<source>: JSON nested deeper than 64 levels".
nlohmann::json parseJsonText(std::string_view text, const std::string& source);

// A value for a message: a scalar as written (cut to 60 characters), a container by its size.
std::string jsonPreview(const nlohmann::json& value);

} // namespace esm
