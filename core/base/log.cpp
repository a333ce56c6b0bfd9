#include "core/base/log.h"

#include <mutex>

namespace esm {
namespace {
std::mutex sinkMutex;
LogSink& currentSink() {
    static LogSink sink;
    return sink;
}
} // namespace

LogSink setLogSink(LogSink sink) {
    std::lock_guard lock(sinkMutex);
    std::swap(currentSink(), sink);
    return sink;
}

void log(LogLevel level, const std::string& message) {
    std::lock_guard lock(sinkMutex);
    if (currentSink())
        currentSink()(level, message);
}

} // namespace esm
