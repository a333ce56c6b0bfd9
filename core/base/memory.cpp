#include "core/base/memory.h"

#include <fstream>
#include <string>

namespace esm {
namespace {

// A "Name:   123 kB" line of a /proc file, in bytes; 0 when absent.
std::size_t procField(const char* file, const std::string& name) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(name + ":", 0) == 0)
            return std::stoull(line.substr(name.size() + 1)) * 1024;
    return 0;
}

} // namespace

std::size_t peakResidentBytes() {
    return procField("/proc/self/status", "VmHWM");
}
std::size_t currentResidentBytes() {
    return procField("/proc/self/status", "VmRSS");
}
std::size_t availableMemoryBytes() {
    return procField("/proc/meminfo", "MemAvailable");
}

void resetPeakResident() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
}

} // namespace esm
