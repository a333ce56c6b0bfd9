// `esmx bench lm`: forward passes of real ESM-2 shapes with random weights, against this
// machine's own matmul rate.
#pragma once

#include "bench_table.h"
#include "core/base/progress.h"
#include "core/nn/checkpoint/hf_config.h"

#include <filesystem>
#include <string>
#include <vector>

namespace esm {

struct LanguageModelBenchOptions {
    std::string config = "esm2_t33_650M";
    std::vector<int> lengths{128, 256, 512};
    std::vector<std::string> dtypes{"float32"};
    int batch = 1;
    int repeats = 3;
    int threads = 0;
    // Also save the random model as a HuggingFace folder (in `scratchFolder`), load it back through
    // LanguageModel::load and report load time and peak memory.
    bool measureLoad = false;
    std::string scratchFolder;
};

// esm2_t6_8M, esm2_t12_35M, esm2_t30_150M, esm2_t33_650M, esm2_t36_3B.
std::vector<std::string> builtinLanguageModelConfigs();

// Writes a real-size model of `config` with random weights as a HuggingFace folder (float32), for
// benchmarks that load a model the way a user's download is loaded.
void writeRandomLanguageModel(const std::string& config, const std::filesystem::path& folder);

// FLOPs of one ESM forward pass over `tokens` tokens (x `batch`), LM head included.
double languageModelFlops(const EsmConfig& config, double tokens, double batch);

BenchTable benchLanguageModel(const LanguageModelBenchOptions& options,
                              const Progress& progress = Progress::none());

} // namespace esm
