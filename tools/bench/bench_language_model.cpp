#include "bench_language_model.h"

#include "machine_load.h"

#include "core/base/error.h"
#include "core/base/memory.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/esm/task_model.h"
#include "core/nn/loading/model_folder_writer.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/compute_options.h"
#include "core/nn/runtime/random_weights.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/pipeline/language_model.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <unistd.h>

namespace esm {
namespace {

struct Shape {
    const char* name;
    int layers, hidden, heads;
};

constexpr Shape kShapes[] = {{"esm2_t6_8M", 6, 320, 20},
                             {"esm2_t12_35M", 12, 480, 20},
                             {"esm2_t30_150M", 30, 640, 20},
                             {"esm2_t33_650M", 33, 1280, 20},
                             {"esm2_t36_3B", 36, 2560, 40}};

EsmConfig configNamed(const std::string& name) {
    for (const auto& s : kShapes)
        if (name == s.name) {
            EsmConfig c;
            c.vocab_size = 33;
            c.pad_token_id = 1;
            c.mask_token_id = 32;
            c.num_hidden_layers = s.layers;
            c.hidden_size = s.hidden;
            c.num_attention_heads = s.heads;
            c.intermediate_size = 4 * s.hidden;
            c.position_embedding_type = "rotary";
            c.token_dropout = true;
            c.emb_layer_norm_before = false;
            c.layer_norm_eps = 1e-5;
            c.architectures = {"EsmForMaskedLM"};
            c.vocab_list = defaultEsmVocabulary();
            return c;
        }
    throw Error("unknown configuration '" + name +
                "' (known: esm2_t6_8M, esm2_t12_35M, esm2_t30_150M, esm2_t33_650M, "
                "esm2_t36_3B)");
}

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

// Saves `model` (float32) as a model folder, frees nothing of the caller's, then loads it the way a
// user's download is loaded and measures the load alone.
std::string measureLoad(const nn::EsmTaskModel& model, const EsmConfig& config,
                        const std::filesystem::path& scratch, double weightBytes) {
    const std::filesystem::path folder = scratch / ("esmx-bench-" + std::to_string(::getpid()));
    nn::saveModelFolder(model, config, folder);
    resetPeakResident();
    const std::size_t before = currentResidentBytes();
    const auto start = Clock::now();
    const auto loaded = LanguageModel::load(folder, RuntimeOptions{});
    const double loadSeconds = seconds(start);
    loaded->forward({loaded->encode("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ")}, {});
    const double peak = double(peakResidentBytes() - std::min(before, peakResidentBytes()));
    std::filesystem::remove_all(folder);
    return "load from model.safetensors (float32): " + formatNumber(loadSeconds, 2) +
           " s; peak RSS during load and a "
           "short forward " +
           formatNumber(peak / 1e9, 2) + " GB = " + formatNumber(peak / weightBytes, 2) + " x the weights (" +
           std::to_string(loaded->info().zeroCopyTensors) + " tensors mapped in place, " +
           std::to_string(loaded->info().copiedTensors) + " copied).";
}

} // namespace

std::vector<std::string> builtinLanguageModelConfigs() {
    std::vector<std::string> names;
    for (const auto& s : kShapes)
        names.emplace_back(s.name);
    return names;
}

void writeRandomLanguageModel(const std::string& configName, const std::filesystem::path& folder) {
    nn::translatingTorchErrors("random model", [&] {
        const EsmConfig config = configNamed(configName);
        nn::EsmTaskModel model(config, nn::EsmTask::MaskedLM);
        nn::fillWithRandomWeights(model, at::kFloat, 0);
        nn::saveModelFolder(model, config, folder);
        return 0;
    });
}

// Multiply-adds (x2 for FLOPs): projections, attention, feed-forward, LM head.
double languageModelFlops(const EsmConfig& c, double tokens, double batch) {
    const double h = c.hidden_size, i = c.intermediate_size, v = *c.vocab_size;
    const double perLayer = 2 * tokens * (4 * h * h + 2 * h * i) + 2 * 2 * tokens * tokens * h;
    return batch * (c.num_hidden_layers * perLayer + 2 * tokens * (h * h + h * v));
}

BenchTable benchLanguageModel(const LanguageModelBenchOptions& options, const Progress& progress) {
    return nn::translatingTorchErrors("bench lm", [&] {
        c10::InferenceMode inference;
        nn::useAllCores(options.threads);
        nn::BlockCacheScope cache; // as the pipeline runs the language model
        const EsmConfig config = configNamed(options.config);
        BenchTable table;
        table.columns = {"length",     "dtype",       "batch",          "ms / forward (median ± sd)",
                         "tokens/s",   "GFLOP/s",     "matmul GFLOP/s", "% of matmul",
                         "weights GB", "peak RSS GB", "RSS / weights"};
        for (const auto& dtypeName : options.dtypes) {
            nn::releaseCachedBlocks(); // the previous dtype's, so they do not count in this peak
            const nn::ComputeOptions compute = nn::parseComputeOptions(dtypeName);
            const at::ScalarType type = compute.dtype;
            const double peakMatmul = matmulGflops(type); // int8 is measured against float32's
            resetPeakResident();
            const std::size_t before = currentResidentBytes();
            nn::EsmTaskModel model(config, nn::EsmTask::MaskedLM);
            nn::fillWithRandomWeights(model, nn::esmTaskLoadOptions(model, compute), 0);
            nn::finishEsmEncoder(model, compute);
            const double weightBytes = double(nn::residentWeightBytes(model));
            for (int length : options.lengths) {
                progress.checkCancelled();
                progress.step(0, 1, options.config + " " + dtypeName + " length " + std::to_string(length));
                const std::int64_t tokens = length + 2;
                at::Tensor ids = at::randint(4, 24, {options.batch, tokens}, at::kLong);
                ids.select(1, 0).fill_(0);
                ids.select(1, tokens - 1).fill_(2);
                const at::Tensor mask = at::ones({options.batch, tokens}, at::kLong);
                model.forward(ids, mask, {}); // warm-up
                std::vector<double> times;
                for (int r = 0; r < std::max(3, options.repeats); ++r) {
                    const auto start = Clock::now();
                    model.forward(ids, mask, {});
                    times.push_back(seconds(start));
                }
                const TimingSummary t = summarize(times);
                const double gflops =
                    languageModelFlops(config, double(tokens), options.batch) / t.median / 1e9;
                const double peak = double(peakResidentBytes() - std::min(before, peakResidentBytes()));
                table.rows.push_back(
                    {std::to_string(length), nn::computeOptionsLabel(dtypeName, compute),
                     std::to_string(options.batch),
                     formatNumber(t.median * 1e3, 1) + " ± " + formatNumber(t.stddev * 1e3, 1),
                     formatNumber(double(options.batch * tokens) / t.median, 0), formatNumber(gflops, 1),
                     formatNumber(peakMatmul, 1), formatNumber(100.0 * gflops / peakMatmul, 0) + " %",
                     formatNumber(weightBytes / 1e9, 2), formatNumber(peak / 1e9, 2),
                     formatNumber(peak / weightBytes, 2)});
            }
            if (options.measureLoad && type == at::kFloat &&
                compute.encoderLinear == nn::EncoderLinear::Compute)
                table.notes.push_back(measureLoad(model, config, options.scratchFolder, weightBytes));
        }
        table.notes.push_back(options.config + " shapes with random weights; " +
                              std::to_string(at::get_num_threads()) +
                              " threads; peak RSS counts the model and activations (measured from before the "
                              "model was built); matmul = 2048x2048x2048 in the same dtype.");
        return table;
    });
}

} // namespace esm
