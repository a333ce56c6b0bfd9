// What is checked before a model's weights are read, so that a model too big for this machine
// fails with a message instead of swapping the desktop to a standstill.
#pragma once

#include "core/nn/checkpoint/checkpoint_files.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace esm {

// The message when `needed` bytes do not fit in `available`; nothing when they do.
std::optional<std::string> memoryShortfall(const std::string& what, std::size_t needed,
                                           std::size_t available);

// Throws Error when the weights in `files`, loaded as `computeType` (`bytesPerValue(tensor name)`
// each), do not fit in the memory the system can still give. For models that run on the CPU.
void checkWeightsFitMemory(const std::filesystem::path& folder, const CheckpointFiles& files,
                           const std::string& computeType,
                           const std::function<std::size_t(const std::string& name)>& bytesPerValue);

} // namespace esm
