#include "bench_train.h"

#include "bench_language_model.h"
#include "machine_load.h"

#include "core/base/memory.h"
#include "core/nn/checkpoint/hf_config.h"
#include "core/pipeline/fine_tuning.h"

#include <chrono>
#include <fstream>
#include <random>
#include <unistd.h>

namespace esm {
namespace {

using Clock = std::chrono::steady_clock;

// Random sequences of the 20 standard residues with labels of the task, as a training file.
void writeTrainingFile(const std::filesystem::path& path, TrainingTask task, int rows, int residues) {
    std::mt19937 random(1);
    const std::string alphabet = "ACDEFGHIKLMNPQRSTVWY";
    std::ofstream out(path);
    if (task == TrainingTask::MaskedLM) {
        for (int r = 0; r < rows; ++r) {
            out << ">s" << r << "\n";
            for (int k = 0; k < residues; ++k)
                out << alphabet[random() % 20];
            out << "\n";
        }
        return;
    }
    out << "sequence,label\n";
    for (int r = 0; r < rows; ++r) {
        std::string sequence, labels;
        for (int k = 0; k < residues; ++k) {
            sequence += alphabet[random() % 20];
            labels += "ABC"[random() % 3];
        }
        out << sequence << ",";
        switch (task) {
        case TrainingTask::SequenceRegression:
            out << double(random() % 1000) / 100.0;
            break;
        case TrainingTask::TokenClassification:
            out << labels;
            break;
        case TrainingTask::MultiLabel:
            out << "A;"
                << "BC"[random() % 2];
            break;
        default:
            out << labels[0];
        }
        out << "\n";
    }
}

// Forward, backward and update FLOPs of one step: a full step computes the forward and two
// products per weight product backwards; LoRA's frozen weights need only the input gradients; a
// head-only step runs the encoder only (masked LM, whose inputs change) or not at all (cached).
double stepFlops(const EsmConfig& config, const TrainBenchOptions& o, TrainingMode mode, TrainingTask task) {
    const double forward = languageModelFlops(config, o.length, o.batch);
    if (mode == TrainingMode::Head)
        return task == TrainingTask::MaskedLM ? forward : 0.0;
    return mode == TrainingMode::Full ? 3 * forward : 2 * forward;
}

} // namespace

BenchTable benchTraining(const TrainBenchOptions& o, const Progress& progress) {
    const TrainingTask task = parseTrainingTask(o.task);
    const TrainingMode mode = parseTrainingMode(o.mode);
    const std::filesystem::path scratch =
        std::filesystem::path(o.scratchFolder.empty() ? "/tmp" : o.scratchFolder) /
        ("esmx-bench-train-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    BenchTable table{{"config", "task", "mode", "dtype", "seconds per step", "sequences per s",
                      "TFLOP per step", "% of matmul", "peak RSS (GB)"},
                     {},
                     {}};
    try {
        progress.step(0, 1, "writing a random " + o.config);
        writeRandomLanguageModel(o.config, scratch / "model");
        const EsmConfig config = readEsmConfig(scratch / "model" / "config.json");
        const int steps = o.steps + 1;
        writeTrainingFile(scratch / (task == TrainingTask::MaskedLM ? "train.fasta" : "train.csv"), task,
                          o.batch * steps, o.length - 2);
        for (const std::string& dtype : o.dtypes) {
            TrainingSettings s;
            s.model = scratch / "model";
            s.task = task;
            s.mode = mode;
            s.train = scratch / (task == TrainingTask::MaskedLM ? "train.fasta" : "train.csv");
            s.out = scratch / ("out-" + dtype);
            s.batchSize = o.batch;
            s.maxSteps = steps;
            s.saveSteps = 0;
            s.loggingSteps = 0;
            s.shuffle = false;
            s.dtype = dtype;
            s.gradientCheckpointing = o.gradientCheckpointing;
            std::vector<double> times;
            auto last = Clock::now();
            TrainingCallbacks callbacks;
            callbacks.onStep = [&](const TrainingProgress& p) {
                const auto now = Clock::now();
                if (p.step > 1) // the first step warms up
                    times.push_back(std::chrono::duration<double>(now - last).count());
                last = now;
                progress.step(p.step, p.totalSteps, "training " + dtype);
            };
            resetPeakResident();
            fineTune(s, callbacks, progress);
            const double perStep = summarize(times).median;
            const double flops = stepFlops(config, o, mode, task);
            const double rate = matmulGflops(dtype == "bfloat16" ? at::kBFloat16 : at::kFloat);
            table.rows.push_back({o.config, o.task, o.mode, dtype, formatNumber(perStep, 3),
                                  formatNumber(o.batch / perStep, 2), formatNumber(flops / 1e12, 3),
                                  flops > 0 ? formatNumber(100 * flops / perStep / (rate * 1e9), 0)
                                            : std::string("encoder cached"),
                                  formatNumber(double(peakResidentBytes()) / 1e9, 2)});
            table.notes.push_back(dtype + " matmul rate (2048^3): " + formatNumber(rate, 0) + " GFLOP/s");
        }
    } catch (...) {
        std::filesystem::remove_all(scratch);
        throw;
    }
    std::filesystem::remove_all(scratch);
    if (o.gradientCheckpointing)
        table.notes.push_back("gradient checkpointing: each layer computed again for the backward pass "
                              "(not counted in TFLOP per step)");
    table.notes.push_back("batch " + std::to_string(o.batch) + " x " + std::to_string(o.length) +
                          " tokens, median of " + std::to_string(o.steps) +
                          " optimizer steps after one warm-up step; random weights and sequences; " +
                          "the peer is ../shared/peer/run.sh train.");
    return table;
}

} // namespace esm
