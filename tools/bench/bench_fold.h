// `esmx bench fold`: ESMFold with the real esmfold_v1 shapes and random weights, timed per stage.
#pragma once

#include "bench_table.h"
#include "core/base/progress.h"

#include <optional>
#include <string>
#include <vector>

namespace esm {

struct FoldBenchOptions {
    std::string config = "esmfold_v1";
    std::vector<int> lengths{64, 128, 256};
    std::vector<std::string> dtypes{"auto"};
    std::vector<std::optional<std::int64_t>> chunkSizes{std::nullopt};
    int recycles = 3;
    int threads = 0;
    int backgroundLoad = 0; // busy processes running beside the fold (a competing program)
};

BenchTable benchFold(const FoldBenchOptions& options, const Progress& progress = Progress::none());

} // namespace esm
