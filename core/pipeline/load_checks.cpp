#include "core/pipeline/load_checks.h"

#include "core/base/byte_size.h"
#include "core/base/error.h"
#include "core/base/memory.h"

namespace esm {

std::optional<std::string> memoryShortfall(const std::string& what, std::size_t needed,
                                           std::size_t available) {
    if (needed <= available)
        return std::nullopt;
    return what + " needs about " + gigabytesText(needed) + " of memory but only " +
           gigabytesText(available) +
           " is free; close other programs, or choose a smaller model or a 16-bit compute type";
}

void checkWeightsFitMemory(const std::filesystem::path& folder, const CheckpointFiles& files,
                           const std::string& computeType,
                           const std::function<std::size_t(const std::string& name)>& bytesPerValue) {
    std::size_t needed = 0;
    for (const auto& name : files.names())
        needed += std::size_t(files.find(name)->numel()) * bytesPerValue(name);
    if (const auto message = memoryShortfall(folder.filename().string() + " (" + computeType + ")", needed,
                                             availableMemoryBytes()))
        throw Error(*message);
}

} // namespace esm
