// Fine-tuning an ESM model on the user's labels, as HuggingFace's Trainer does it (AdamW, linear
// warm-up schedule, gradient clipping and accumulation, batches padded to their longest member),
// with the result written as a HuggingFace model folder `transformers` loads. No LibTorch here.
#pragma once

#include "core/base/progress.h"
#include "core/training/trainer_state.h"
#include "core/training/training_labels.h"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace esm {

enum class TrainingMode { Full, Head, Lora };
TrainingMode parseTrainingMode(const std::string& name); // full | head | lora
std::string trainingModeName(TrainingMode mode);

struct TrainingSettings {
    std::filesystem::path model; // the base model's folder
    TrainingTask task = TrainingTask::SequenceClassification;
    std::filesystem::path train, eval, out;
    TrainingMode mode = TrainingMode::Full;
    int loraRank = 8;
    double loraAlpha = 16;
    std::vector<std::string> loraTargets{"query", "key", "value", "dense"};
    double epochs = 3;
    std::int64_t maxSteps = -1; // > 0 overrides epochs
    int batchSize = 8;
    int gradAccum = 1;
    double learningRate = 2e-5, weightDecay = 0.01;
    std::int64_t warmupSteps = 0;
    double warmupRatio = 0.0;
    double maxGradNorm = 1.0;
    bool shuffle = true;
    std::uint64_t seed = 42;
    int maxLength = 1024; // tokens, <cls> and <eos> included
    std::vector<std::string> labels;
    bool balancedClassWeights = false;
    std::string dtype = "float32"; // float32 | bfloat16 | auto
    int loggingSteps = 10;
    int evalSteps = 0; // 0: at the end of every epoch
    int saveSteps = 500;
    std::filesystem::path resume; // a checkpoint-N folder
    bool merge = false;           // LoRA: also write the merged full model into OUT
    // Keep only each encoder layer's input and compute the layer again for the backward pass
    // (HF's gradient_checkpointing): one more forward pass, a fraction of the activations' memory.
    bool gradientCheckpointing = false;
    int threads = 0;
};

struct TrainingProgress {
    std::int64_t step = 0, totalSteps = 0;
    double epoch = 0;
    double loss = 0;         // of this optimizer step's batches
    double learningRate = 0; // of the next step
    double sequencesPerSecond = 0, secondsLeft = 0;
};

struct TrainingCallbacks {
    std::function<void(const TrainingLogEntry&)> onLog;  // training loss and eval metrics
    std::function<void(const TrainingProgress&)> onStep; // after every optimizer step
    std::function<void(const std::string& note)> onNote; // what the user should know
};

struct TrainingResult {
    std::filesystem::path out;
    std::int64_t globalStep = 0;
    double trainLoss = 0;
    std::optional<double> bestMetric;
    std::string bestMetricName;
    bool cancelled = false; // the last checkpoint stays whole; OUT has no final model
};

// Checks every input (files, labels, settings) before OUT is created; Error names the file and
// line at fault. `progress.cancelled` stops between optimizer steps.
TrainingResult fineTune(const TrainingSettings& settings, const TrainingCallbacks& callbacks,
                        const Progress& progress = Progress::none());

} // namespace esm
