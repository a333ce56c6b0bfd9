#include "bench_fold.h"

#include "bench_language_model.h"
#include "machine_load.h"

#include "core/base/error.h"
#include "core/base/memory.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/fold/esmfold.h"
#include "core/nn/fold/load_esmfold.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/compute_options.h"
#include "core/nn/runtime/cpu_share.h"
#include "core/nn/runtime/random_weights.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/pipeline/fold_memory.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <map>

namespace esm {
namespace {

using Clock = std::chrono::steady_clock;

// facebook/esmfold_v1: the ESM-2 3B stem and HuggingFace's default folding trunk.
EsmConfig esmfoldV1() {
    EsmConfig c;
    c.vocab_size = 33;
    c.pad_token_id = 1;
    c.mask_token_id = 32;
    c.hidden_size = 2560;
    c.num_hidden_layers = 36;
    c.num_attention_heads = 40;
    c.intermediate_size = 10240;
    c.position_embedding_type = "rotary";
    c.token_dropout = true;
    c.emb_layer_norm_before = false;
    c.layer_norm_eps = 1e-5;
    c.is_folding_model = true;
    c.esmfold_config = EsmFoldConfig{};
    c.vocab_list = defaultEsmVocabulary();
    c.architectures = {"EsmForProteinFolding"};
    return c;
}

std::string gb(double bytes) {
    return formatNumber(bytes / 1e9, 2);
}

// The longest sequence (single, padded to itself) whose estimate fits into `memory`.
int largestFitting(const EsmConfig& config, std::size_t element, std::optional<std::int64_t> chunk,
                   double weights, double memory) {
    int low = 0, high = 1 << 15;
    while (low < high) {
        const int mid = (low + high + 1) / 2;
        const double need =
            weights + double(estimateFoldActivations(config, {std::size_t(mid)}, element, chunk));
        if (need <= memory)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}

// Multiply-adds of one trunk pass (x2 for FLOPs), from the shapes of every Linear and product in a
// block: the sequence attention and MLP (13 N cs^2 + 2 N^2 cs), the pair Linears of the triangular
// updates, triangular attention, pair MLP and sequence-to-pair (31 N^2 cz^2), and the triangular
// products and attention (6 N^3 cz).
double trunkPassFlops(const EsmConfig& config, double n) {
    const TrunkConfig& t = config.esmfold_config->trunk;
    const double cs = t.sequence_state_dim, cz = t.pairwise_state_dim;
    const double block =
        13 * n * cs * cs + 2 * n * n * cs + n * cs * cz + 31 * n * n * cz * cz + 6 * n * n * n * cz;
    return 2 * t.num_blocks * block;
}

std::string chunkName(const std::optional<std::int64_t>& chunk) {
    return chunk ? std::to_string(*chunk) : "none";
}

} // namespace

BenchTable benchFold(const FoldBenchOptions& options, const Progress& progress) {
    if (options.config != "esmfold_v1")
        throw Error("unknown fold configuration '" + options.config + "' (known: esmfold_v1)");
    return nn::translatingTorchErrors("bench fold", [&] {
        c10::InferenceMode inference;
        nn::useAllCores(options.threads);
        const EsmConfig config = esmfoldV1();
        BenchTable table;
        table.columns = {
            "length",  "dtype",       "chunk",         "passes",      "ESM stem s",         "stem GFLOP/s",
            "trunk s", "trunk TFLOP", "trunk GFLOP/s", "% of matmul", "structure module s", "heads s",
            "total s", "threads",     "peak RSS GB",   "estimated GB"};
        nn::BlockCacheScope cache;
        const BackgroundLoad load(options.backgroundLoad);
        for (const auto& dtypeName : options.dtypes) {
            nn::releaseCachedBlocks(); // the previous dtype's weights, so they do not count in this peak
            const nn::ComputeOptions compute =
                nn::parseComputeOptions(dtypeName, at::kCPU, nn::ModelFamily::Folding);
            const at::ScalarType type = compute.dtype;
            const std::string typeLabel = nn::computeOptionsLabel(dtypeName, compute);
            const double peakMatmul = matmulGflops(type);
            const std::size_t element = type == at::kBFloat16 ? 2 : type == at::kDouble ? 8 : 4;
            progress.step(0, 1, "building esmfold_v1 (" + dtypeName + ", random weights)");
            nn::EsmForProteinFolding model(config);
            // Tensor by tensor as loadEsmFold takes a checkpoint's, so the memory is a real load's.
            nn::fillWithRandomWeights(model, nn::esmFoldLoadOptions(model, compute), 0);
            nn::finishEsmFold(model, compute);
            nn::releaseCachedBlocks(); // what int8 and packing replaced: a load reuses it layer by layer
            const double weights = double(nn::residentWeightBytes(model));
            const double builtResident = double(currentResidentBytes());

            for (const auto& chunk : options.chunkSizes)
                for (int length : options.lengths) {
                    progress.checkCancelled();
                    progress.step(0, 1,
                                  "esmfold_v1 " + dtypeName + " length " + std::to_string(length) +
                                      " chunk " + chunkName(chunk));
                    const at::Tensor aatype = at::randint(0, 20, {1, length}, at::kLong);
                    const at::Tensor mask = at::ones({1, length}, at::kLong);
                    const at::Tensor residx = at::arange(length, at::kLong).unsqueeze(0);
                    std::map<nn::FoldStage, double> seconds;
                    nn::FoldStage current = nn::FoldStage::LanguageModel;
                    auto since = Clock::now();
                    nn::FoldRequest request;
                    request.recycles = options.recycles;
                    request.chunkSize = chunk;
                    nn::CpuShare share(options.threads);
                    int fewestThreads = at::get_num_threads(), mostThreads = fewestThreads;
                    auto adapt = [&] {
                        nn::adaptThreads(share);
                        fewestThreads = std::min(fewestThreads, at::get_num_threads());
                        mostThreads = std::max(mostThreads, at::get_num_threads());
                    };
                    request.onLanguageModelLayer = [&](int, int) { adapt(); };
                    request.trunk.onBlock = [&](int, int, int, int) { adapt(); };
                    request.trunk.onStage = [&](nn::FoldStage stage, int pass, int) {
                        if (stage == nn::FoldStage::Trunk && pass == 0)
                            nn::releaseCachedBlocks(); // as the pipeline does: the stem's blocks
                        const auto now = Clock::now();
                        seconds[current] += std::chrono::duration<double>(now - since).count();
                        current = stage;
                        since = now;
                        progress.checkCancelled();
                    };
                    resetPeakResident();
                    const auto start = Clock::now();
                    model.forward(aatype, mask, residx, request);
                    const auto end = Clock::now();
                    seconds[current] += std::chrono::duration<double>(end - since).count();
                    const double total = std::chrono::duration<double>(end - start).count();
                    nn::useAllCores(options.threads);
                    nn::releaseCachedBlocks();
                    const double stemFlops = languageModelFlops(config, length + 2.0, 1);
                    const double trunkFlops = trunkPassFlops(config, length) * (options.recycles + 1);
                    const double trunkRate = trunkFlops / seconds[nn::FoldStage::Trunk] / 1e9;
                    const double estimate =
                        weights +
                        double(estimateFoldActivations(config, {std::size_t(length)}, element, chunk));
                    table.rows.push_back(
                        {std::to_string(length), typeLabel, chunkName(chunk),
                         std::to_string(options.recycles + 1),
                         formatNumber(seconds[nn::FoldStage::LanguageModel], 1),
                         formatNumber(stemFlops / seconds[nn::FoldStage::LanguageModel] / 1e9, 0),
                         formatNumber(seconds[nn::FoldStage::Trunk], 1), formatNumber(trunkFlops / 1e12, 2),
                         formatNumber(trunkRate, 0), formatNumber(100 * trunkRate / peakMatmul, 0) + " %",
                         formatNumber(seconds[nn::FoldStage::StructureModule], 1),
                         formatNumber(seconds[nn::FoldStage::Heads], 2), formatNumber(total, 1),
                         fewestThreads == mostThreads
                             ? std::to_string(fewestThreads)
                             : std::to_string(fewestThreads) + "-" + std::to_string(mostThreads),
                         gb(double(peakResidentBytes())), gb(estimate)});
                }
            const double memory = double(availableMemoryBytes()) + double(currentResidentBytes());
            std::string fits = "largest single sequence whose estimate fits in this machine's " + gb(memory) +
                               " GB (" + dtypeName + "): ";
            for (std::optional<std::int64_t> chunk :
                 {std::optional<std::int64_t>(), std::optional<std::int64_t>(256),
                  std::optional<std::int64_t>(128), std::optional<std::int64_t>(64),
                  std::optional<std::int64_t>(32)})
                fits += "chunk " + chunkName(chunk) + ": " +
                        std::to_string(largestFitting(config, element, chunk, weights, memory)) +
                        " residues; ";
            table.notes.push_back(fits);
            table.notes.push_back("weights " + gb(weights) + " GB (" + typeLabel + "), the process " +
                                  gb(builtResident) +
                                  " GB once built; peak RSS is the whole process; matmul " + typeLabel + " " +
                                  formatNumber(peakMatmul, 0) + " GFLOP/s (2048^3).");
        }
        table.notes.push_back(
            "esmfold_v1 shapes (ESM-2 3B stem, 48 trunk blocks, 8 structure blocks) with random "
            "weights; threads: fewest-most used, fewer while other programs hold cores; " +
            std::to_string(options.backgroundLoad) + " busy background process(es).");
        return table;
    });
}

} // namespace esm
