// Memory facts of this process and machine, for load checks, fold estimates and benchmarks.
#pragma once

#include <cstddef>

namespace esm {

// Peak resident set size of this process so far (VmHWM), in bytes.
std::size_t peakResidentBytes();
std::size_t currentResidentBytes();
// Memory the system can still give (MemAvailable), in bytes.
std::size_t availableMemoryBytes();
// Resets the peak so the next peakResidentBytes() measures from now (Linux clear_refs).
void resetPeakResident();

} // namespace esm
