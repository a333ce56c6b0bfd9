// Logging for library code: messages go to a sink the application installs (stderr, a status bar),
// never straight to a stream.
#pragma once

#include <functional>
#include <string>

namespace esm {

enum class LogLevel { Debug, Info, Warning, Error };

using LogSink = std::function<void(LogLevel, const std::string&)>;

// Replaces the process-wide sink; an empty sink drops every message. Returns the previous one.
LogSink setLogSink(LogSink sink);
void log(LogLevel level, const std::string& message);

inline void logInfo(const std::string& message) {
    log(LogLevel::Info, message);
}
inline void logWarning(const std::string& message) {
    log(LogLevel::Warning, message);
}

} // namespace esm
