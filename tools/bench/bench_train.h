// `esmx bench train`: fine-tuning steps of real ESM-2 shapes with random weights through the real
// training path (esm::fineTune on a model folder and a training file it writes), against this
// machine's own matmul rate.
#pragma once

#include "bench_table.h"
#include "core/base/progress.h"

#include <string>
#include <vector>

namespace esm {

struct TrainBenchOptions {
    std::string config = "esm2_t12_35M";
    std::string task = "sequence-classification";
    std::string mode = "full";
    int batch = 8;
    int length = 256; // tokens, <cls> and <eos> included
    std::vector<std::string> dtypes{"float32"};
    int steps = 5; // timed, after one warm-up step
    bool gradientCheckpointing = false;
    std::string scratchFolder;
};

BenchTable benchTraining(const TrainBenchOptions& options, const Progress& progress = Progress::none());

} // namespace esm
