// transformers' get_linear_schedule_with_warmup and the warm-up length TrainingArguments derives:
// the learning rate of optimizer step `step` (0-based) is the base rate times this factor.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace esm {

inline double linearScheduleFactor(std::int64_t step, std::int64_t warmupSteps, std::int64_t totalSteps) {
    if (step < warmupSteps)
        return static_cast<double>(step) / static_cast<double>(std::max<std::int64_t>(1, warmupSteps));
    return std::max(0.0, static_cast<double>(totalSteps - step) /
                             static_cast<double>(std::max<std::int64_t>(1, totalSteps - warmupSteps)));
}

// --warmup-steps when positive, else ceil(total * ratio).
inline std::int64_t warmupStepsFor(std::int64_t warmupSteps, double warmupRatio, std::int64_t totalSteps) {
    return warmupSteps > 0 ? warmupSteps : static_cast<std::int64_t>(std::ceil(totalSteps * warmupRatio));
}

} // namespace esm
