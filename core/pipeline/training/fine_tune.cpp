// Follows transformers 4.29.2 Trainer._inner_training_loop (steps per epoch, gradient
// accumulation, clipping, the scheduler stepped after the optimizer, logging/eval/save cadence,
// load_best_model_at_end) with the model, optimizer and losses of core/nn.
#include "core/pipeline/fine_tuning.h"

#include "core/base/atomic_file.h"
#include "core/base/cpu_features.h"
#include "core/base/error.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/compute_options.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/nn/train/cpu_autocast.h"
#include "core/nn/train/losses.h"
#include "core/pipeline/model_loading.h"
#include "core/pipeline/token_batches.h"
#include "core/pipeline/training/trainable_model.h"
#include "core/pipeline/training/training_batches.h"
#include "core/pipeline/training/training_output.h"
#include "core/training/linear_schedule.h"
#include "core/training/metrics.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace esm {
namespace {

using Clock = std::chrono::steady_clock;

struct Data {
    std::vector<LabelledSequence> train, eval;
    LabelSet labels;
    std::vector<TokenizedExample> trainTokens, evalTokens;
};

bool isSequenceTask(TrainingTask task) {
    return task == TrainingTask::SequenceClassification || task == TrainingTask::SequenceRegression ||
           task == TrainingTask::MultiLabel;
}

TrainingTable readTable(TrainingTask task, const std::filesystem::path& path) {
    return task == TrainingTask::MaskedLM ? readTrainingFasta(path) : readTrainingTable(path, true);
}

void checkOut(const TrainingSettings& s) {
    if (s.out.empty())
        throw Error("no output folder (--out)");
    // weakly_canonical drops a trailing '/': "OUT/checkpoint-N/" is "OUT/checkpoint-N".
    const bool resumingHere =
        !s.resume.empty() &&
        std::filesystem::weakly_canonical(s.resume).parent_path() == std::filesystem::weakly_canonical(s.out);
    if (std::filesystem::exists(s.out) && !std::filesystem::is_directory(s.out))
        throw Error(s.out.string() + ": exists and is not a folder");
    if (std::filesystem::is_directory(s.out) && !std::filesystem::is_empty(s.out) && !resumingHere)
        throw Error(s.out.string() + ": not empty (choose a new folder, or --resume one of its checkpoints)");
    const std::filesystem::path parent = std::filesystem::absolute(s.out).parent_path();
    if (!std::filesystem::is_directory(parent))
        throw Error(s.out.string() + ": its folder " + parent.string() + " does not exist");
}

void checkSettings(const TrainingSettings& s) {
    auto require = [](bool ok, const std::string& message) {
        if (!ok)
            throw Error(message);
    };
    require(s.batchSize >= 1, "--batch-size must be at least 1");
    require(s.gradAccum >= 1, "--grad-accum must be at least 1");
    require(s.epochs > 0 || s.maxSteps > 0, "--epochs must be positive (or give --max-steps)");
    require(s.learningRate > 0 && std::isfinite(s.learningRate), "--lr must be a positive number");
    require(s.weightDecay >= 0 && std::isfinite(s.weightDecay), "--weight-decay must be 0 or more");
    require(s.warmupRatio >= 0 && s.warmupRatio <= 1, "--warmup-ratio must be between 0 and 1");
    require(s.maxGradNorm >= 0, "--max-grad-norm must be 0 (no clipping) or more");
    require(s.maxLength >= 3, "--max-length must be at least 3 tokens");
    require(s.loraRank >= 1 && s.loraRank <= 4096, "--lora-rank must be between 1 and 4096");
    require(s.loraAlpha > 0, "--lora-alpha must be positive");
    require(s.dtype == "float32" || s.dtype == "bfloat16" || s.dtype == "auto",
            "--dtype " + s.dtype + " (training takes float32, bfloat16 or auto)");
    require(!(s.balancedClassWeights && s.task != TrainingTask::SequenceClassification &&
              s.task != TrainingTask::TokenClassification),
            "--class-weights balanced applies to sequence-classification and token-classification");
}

struct Run {
    Run(const TrainingSettings& s, const TrainingCallbacks& c, const Progress& p)
        : settings(s), callbacks(c), progress(p) {}

    const TrainingSettings& settings;
    const TrainingCallbacks& callbacks;
    const Progress& progress;
    Data data;
    std::unique_ptr<EsmTokenizer> tokenizer;
    TrainableModel trainable;
    bool bfloat16 = false; // matrix products in bfloat16 (cpu_autocast.h), all else float32
    std::unique_ptr<nn::AdamW> optimizer;
    at::Tensor classWeights;
    TrainerState state;
    // --mode head: the encoder's output for every example, computed once.
    std::vector<at::Tensor> cachedTrain, cachedEval;

    void note(const std::string& text) const {
        if (callbacks.onNote)
            callbacks.onNote(text);
    }

    void log(TrainingLogEntry entry) {
        state.logHistory.push_back(entry);
        if (callbacks.onLog)
            callbacks.onLog(entry);
    }

    bool cachesEncoder() const {
        return settings.mode == TrainingMode::Head && settings.task != TrainingTask::MaskedLM;
    }

    // The encoder's last hidden state of each example, unpadded ([1, H] for the sequence tasks,
    // which read only <cls>; [T, H] otherwise).
    std::vector<at::Tensor> encodeAll(const std::vector<TokenizedExample>& examples) {
        at::NoGradGuard noGrad;
        const bool wasTraining = trainable.model->is_training();
        trainable.model->eval();
        std::vector<at::Tensor> out;
        std::vector<std::size_t> order(examples.size());
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t start = 0; start < order.size(); start += std::size_t(settings.batchSize)) {
            progress.checkCancelled();
            const std::vector<std::size_t> members(
                order.begin() + std::ptrdiff_t(start),
                order.begin() +
                    std::ptrdiff_t(std::min(order.size(), start + std::size_t(settings.batchSize))));
            const TrainingBatch batch = collate(settings.task, examples, members, tokenizer->padId());
            const at::Tensor hidden =
                trainable.model->esm().forward(batch.ids, batch.mask, {}).lastHiddenState;
            for (std::size_t k = 0; k < members.size(); ++k) {
                const auto length = std::int64_t(examples[members[k]].ids.size());
                out.push_back(isSequenceTask(settings.task)
                                  ? hidden[std::int64_t(k)].slice(0, 0, 1).clone()
                                  : hidden[std::int64_t(k)].slice(0, 0, length).clone());
            }
            progress.step(std::int64_t(start + members.size()), std::int64_t(order.size()),
                          "encoding for the head");
        }
        trainable.model->train(wasTraining);
        return out;
    }

    // Logits of a batch: from cached encoder outputs (padded with zeros) or the whole model.
    at::Tensor logits(const TrainingBatch& batch, const std::vector<at::Tensor>* cache,
                      const std::vector<std::size_t>& members) const {
        const nn::CpuAutocast autocast(bfloat16);
        if (!cache)
            return trainable.model->forward(batch.ids, batch.mask, {}).logits.to(at::kFloat);
        std::vector<at::Tensor> rows;
        for (std::size_t i : members) {
            const at::Tensor& f = (*cache)[i];
            rows.push_back(at::constant_pad_nd(f, {0, 0, 0, batch.ids.size(1) - f.size(0)}));
        }
        return trainable.model->headForward(at::stack(rows)).to(at::kFloat);
    }

    at::Tensor loss(const at::Tensor& logits, const TrainingBatch& batch) const {
        if (isSequenceTask(settings.task))
            return nn::sequenceLoss(problemTypeOf(settings.task), logits, batch.labels, classWeights);
        return nn::tokenLoss(logits, batch.labels, classWeights);
    }

    TrainingBatch batchOf(const std::vector<TokenizedExample>& examples,
                          const std::vector<std::size_t>& members, std::uint64_t maskingSeed) const {
        TrainingBatch batch = collate(settings.task, examples, members, tokenizer->padId());
        if (settings.task == TrainingTask::MaskedLM)
            maskForLanguageModelling(batch, *tokenizer,
                                     at::make_generator<at::CPUGeneratorImpl>(maskingSeed));
        return batch;
    }

    std::map<std::string, double> evaluate() {
        at::NoGradGuard noGrad;
        trainable.model->eval();
        const auto started = Clock::now();
        const std::size_t n = data.evalTokens.size();
        double lossSum = 0;
        std::vector<ExampleLogits> outputs;
        for (std::size_t start = 0; start < n; start += std::size_t(settings.batchSize)) {
            std::vector<std::size_t> members;
            for (std::size_t i = start; i < std::min(n, start + std::size_t(settings.batchSize)); ++i)
                members.push_back(i);
            // The same masking every evaluation, so that eval losses compare.
            const TrainingBatch batch =
                batchOf(data.evalTokens, members, settings.seed ^ (0x9E3779B97F4A7C15ull + start));
            const at::Tensor out = logits(batch, cachesEncoder() ? &cachedEval : nullptr, members);
            lossSum += loss(out, batch).item<double>() * double(members.size());
            for (std::size_t k = 0; k < members.size(); ++k)
                outputs.push_back(
                    {exampleRows(out[std::int64_t(k)], data.evalTokens[members[k]].ids.size())});
        }
        trainable.model->train();
        std::vector<LabelledSequence> truth;
        for (const TokenizedExample& e : data.evalTokens)
            truth.push_back(e.target);
        std::map<std::string, double> metrics = taskMetrics(settings.task, outputs, truth);
        metrics["eval_loss"] = n ? lossSum / double(n) : 0.0;
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        metrics["eval_runtime"] = std::round(seconds * 1e4) / 1e4;
        metrics["eval_samples_per_second"] = seconds > 0 ? std::round(double(n) / seconds * 1e3) / 1e3 : 0.0;
        return metrics;
    }

    void keepIfBest(const std::map<std::string, double>& metrics) {
        const auto [name, greater] = bestModelMetric(settings.task);
        const double value = metrics.at(name);
        if (state.bestMetric && (greater ? value <= *state.bestMetric : value >= *state.bestMetric))
            return;
        state.bestMetric = value;
        // evaluateAndSave writes this checkpoint next; the end of the run loads it back from there.
        state.bestModelCheckpoint =
            (settings.out / ("checkpoint-" + std::to_string(state.globalStep))).string();
    }

    void checkpoint() {
        writeCheckpoint(settings.out / ("checkpoint-" + std::to_string(state.globalStep)), trainable,
                        settings, *optimizer, state);
    }

    void evaluateAndSave() {
        std::map<std::string, double> metrics = evaluate();
        keepIfBest(metrics);
        log({state.globalStep, std::round(state.epoch * 100) / 100, metrics});
        checkpoint();
    }

    // The trainable weights as `folder`'s checkpoint holds them.
    void loadWeights(const std::map<std::string, at::Tensor>& weights, const std::filesystem::path& folder) {
        at::NoGradGuard noGrad;
        for (const nn::NamedParameter& p : trainable.trainable) {
            const auto it = weights.find(p.name);
            if (it == weights.end() || it->second.sizes() != p.tensor.sizes())
                throw Error(folder.string() + ": the checkpoint's '" + p.name +
                            "' is missing or of another shape (was it saved by a run with other settings?)");
            p.tensor.copy_(it->second);
        }
    }

    // load_best_model_at_end: the best evaluation's checkpoint, also when it predates a resume.
    void loadBestModel() {
        // By name within OUT: a path in a trainer_state.json is not followed elsewhere.
        const std::string name = checkpointNameOf(state.bestModelCheckpoint);
        if (name.empty())
            return;
        const std::filesystem::path folder = settings.out / name;
        if (!std::filesystem::is_directory(folder))
            return note("the best checkpoint " + folder.string() + " is gone: the final weights are kept");
        loadWeights(readCheckpointWeights(folder), folder);
        note("loaded the best model (" + folder.filename().string() + ", " +
             bestModelMetric(settings.task).first + " " + std::to_string(*state.bestMetric) + ")");
    }

    void restore(const std::filesystem::path& folder) {
        CheckpointContents c = readCheckpoint(folder);
        loadWeights(c.weights, folder);
        try {
            optimizer->restoreState(c.optimizer);
        } catch (const Error& e) {
            throw Error((folder / "optimizer.safetensors").string() + ": " + e.what());
        }
        state = std::move(c.state);
        note("resuming at step " + std::to_string(state.globalStep) + " from " + folder.string());
    }
};

Data readData(const TrainingSettings& s, const EsmConfig& base, const EsmTokenizer& tokenizer,
              int* truncated) {
    Data d;
    const TrainingTable train = readTable(s.task, s.train);
    d.labels = chooseLabels(s.task, train, s.labels, trainedHeadLabels(base, s.task));
    d.train = encodeLabels(s.task, train, d.labels);
    if (!s.eval.empty())
        d.eval = encodeLabels(s.task, readTable(s.task, s.eval), d.labels);
    int evalTruncated = 0;
    d.trainTokens = tokenizeExamples(d.train, tokenizer, s.maxLength, truncated);
    d.evalTokens = tokenizeExamples(d.eval, tokenizer, s.maxLength, &evalTruncated);
    *truncated += evalTruncated;
    return d;
}

std::vector<std::size_t> epochOrder(std::size_t n, bool shuffle, std::uint64_t seed, std::int64_t epoch) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    if (shuffle) {
        std::mt19937_64 random(seed * 1000003ull + std::uint64_t(epoch));
        std::shuffle(order.begin(), order.end(), random);
    }
    return order;
}

} // namespace

TrainingMode parseTrainingMode(const std::string& name) {
    if (name == "full")
        return TrainingMode::Full;
    if (name == "head")
        return TrainingMode::Head;
    if (name == "lora")
        return TrainingMode::Lora;
    throw Error("unknown mode '" + name + "' (full, head or lora)");
}

std::string trainingModeName(TrainingMode mode) {
    return mode == TrainingMode::Full ? "full" : mode == TrainingMode::Head ? "head" : "lora";
}

TrainingResult fineTune(const TrainingSettings& settings, const TrainingCallbacks& callbacks,
                        const Progress& progress) {
    return nn::translatingTorchErrors(settings.model.string(), [&] {
        checkSettings(settings);
        checkOut(settings);
        // Every step allocates the same activations and gradients again: kept blocks spare the
        // kernel zeroing fresh pages for each (16 % of a bfloat16 step's time without it). All of
        // them: the backward pass frees a step's activations at once, more than the default 2 GB.
        const nn::BlockCacheScope blockCache(std::numeric_limits<std::size_t>::max());
        // The data is checked first: a bad file is refused before anything is loaded or written.
        const EsmConfig base = readEsmConfig(settings.model / "config.json");
        if (base.is_folding_model)
            throw Error(settings.model.string() + ": a folding model; training takes an ESM language model");
        Run run(settings, callbacks, progress);
        run.bfloat16 = settings.dtype == "bfloat16" || (settings.dtype == "auto" && cpuHasNativeBFloat16());
        if (settings.dtype == "bfloat16" && !cpuHasNativeBFloat16())
            run.note(
                "this CPU has no native bfloat16 arithmetic: bfloat16 is emulated and slower than float32");
        run.tokenizer = std::make_unique<EsmTokenizer>(EsmTokenizer::fromFile(settings.model / "vocab.txt"));
        int truncated = 0;
        run.data = readData(settings, base, *run.tokenizer, &truncated);
        RuntimeOptions runtime;
        runtime.threads = settings.threads;
        OpenedModelFolder opened =
            openModelFolder(settings.model, runtime, Progress::none(), [](const EsmConfig&) {});
        if (truncated)
            run.note(std::to_string(truncated) + " sequences are longer than --max-length " +
                     std::to_string(settings.maxLength) + " tokens and were truncated");
        if (opened.config.hidden_dropout_prob > 0 || opened.config.attention_probs_dropout_prob > 0)
            run.note("the model's config asks for dropout; ESM Explorer trains without dropout");
        nn::useAllCores(settings.threads);
        run.trainable = buildTrainableModel(settings, opened.config, opened.files, run.data.labels,
                                            [&](const std::string& text) { run.note(text); });
        run.optimizer = std::make_unique<nn::AdamW>(decayGroups(run.trainable, settings.weightDecay),
                                                    nn::AdamW::Settings{});
        if (settings.balancedClassWeights) {
            const auto weights =
                balancedClassWeights(settings.task, run.data.train, run.data.labels.names.size());
            run.classWeights = at::tensor(std::vector<float>(weights.begin(), weights.end()), at::kFloat);
        }
        if (!settings.resume.empty())
            run.restore(settings.resume);
        std::filesystem::create_directories(settings.out);

        const auto n = std::int64_t(run.data.trainTokens.size());
        const std::int64_t batchesPerEpoch = (n + settings.batchSize - 1) / settings.batchSize;
        const std::int64_t updatesPerEpoch = std::max<std::int64_t>(1, batchesPerEpoch / settings.gradAccum);
        const std::int64_t maxSteps =
            settings.maxSteps > 0 ? settings.maxSteps
                                  : std::int64_t(std::ceil(settings.epochs * double(updatesPerEpoch)));
        const std::int64_t epochs = settings.maxSteps > 0 ? (maxSteps + updatesPerEpoch - 1) / updatesPerEpoch
                                                          : std::int64_t(std::ceil(settings.epochs));
        const std::int64_t warmup = warmupStepsFor(settings.warmupSteps, settings.warmupRatio, maxSteps);
        TrainerState& state = run.state;
        state.maxSteps = maxSteps;
        state.numTrainEpochs = int(epochs);
        const bool evaluating = !run.data.evalTokens.empty();

        if (run.cachesEncoder()) {
            run.cachedTrain = run.encodeAll(run.data.trainTokens);
            run.cachedEval = run.encodeAll(run.data.evalTokens);
        }
        const std::vector<at::Tensor>* cache = run.cachesEncoder() ? &run.cachedTrain : nullptr;
        std::vector<at::Tensor> parameters;
        for (const nn::NamedParameter& p : run.trainable.trainable)
            parameters.push_back(p.tensor);

        TrainingResult result{settings.out, 0, 0, {}, bestModelMetric(settings.task).first, false};
        double loggedLoss = 0, totalLoss = 0, stepLoss = 0;
        std::int64_t lastLogged = state.globalStep;
        const std::int64_t firstStep = state.globalStep;
        const auto started = Clock::now();
        bool stop = state.globalStep >= maxSteps;
        for (std::int64_t epoch = state.globalStep / updatesPerEpoch; epoch < epochs && !stop; ++epoch) {
            const std::vector<std::size_t> order =
                epochOrder(std::size_t(n), settings.shuffle, settings.seed, epoch);
            const std::int64_t skip = epoch == state.globalStep / updatesPerEpoch
                                          ? (state.globalStep % updatesPerEpoch) * settings.gradAccum
                                          : 0;
            for (std::int64_t b = skip; b < batchesPerEpoch && !stop; ++b) {
                if (progress.cancelled && progress.cancelled()) {
                    result.cancelled = true;
                    result.globalStep = state.globalStep;
                    return result;
                }
                std::vector<std::size_t> members;
                for (std::int64_t i = b * settings.batchSize; i < std::min(n, (b + 1) * settings.batchSize);
                     ++i)
                    members.push_back(order[std::size_t(i)]);
                const std::uint64_t batchNumber = std::uint64_t(epoch * batchesPerEpoch + b);
                const TrainingBatch batch =
                    run.batchOf(run.data.trainTokens, members, settings.seed * 7919ull + batchNumber);
                at::Tensor loss = run.loss(run.logits(batch, cache, members), batch);
                if (settings.gradAccum > 1)
                    loss = loss / settings.gradAccum;
                loss.backward();
                const double batchLoss = loss.item<double>();
                loggedLoss += batchLoss;
                stepLoss += batchLoss;
                const bool update = (b + 1) % settings.gradAccum == 0 ||
                                    (batchesPerEpoch <= settings.gradAccum && b + 1 == batchesPerEpoch);
                if (!update)
                    continue;
                if (settings.maxGradNorm > 0)
                    nn::clipGradientNorm(parameters, settings.maxGradNorm);
                run.optimizer->step(settings.learningRate *
                                    linearScheduleFactor(state.globalStep, warmup, maxSteps));
                run.optimizer->zeroGrad();
                ++state.globalStep;
                state.epoch = double(epoch) + double(b + 1) / double(batchesPerEpoch);
                const double lr =
                    settings.learningRate * linearScheduleFactor(state.globalStep, warmup, maxSteps);
                if (settings.loggingSteps > 0 && state.globalStep % settings.loggingSteps == 0) {
                    run.log({state.globalStep,
                             std::round(state.epoch * 100) / 100,
                             {{"loss",
                               std::round(loggedLoss / double(state.globalStep - lastLogged) * 1e4) / 1e4},
                              {"learning_rate", lr}}});
                    totalLoss += loggedLoss;
                    loggedLoss = 0;
                    lastLogged = state.globalStep;
                }
                stop = state.globalStep >= maxSteps;
                const bool evalNow =
                    evaluating && settings.evalSteps > 0 && state.globalStep % settings.evalSteps == 0;
                if (evalNow)
                    run.evaluateAndSave();
                else if (settings.saveSteps > 0 && state.globalStep % settings.saveSteps == 0)
                    run.checkpoint();
                if (callbacks.onStep) {
                    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
                    const double perStep = seconds / double(state.globalStep - firstStep);
                    callbacks.onStep({state.globalStep, maxSteps, state.epoch, stepLoss, lr,
                                      double(settings.batchSize * settings.gradAccum) / perStep,
                                      perStep * double(maxSteps - state.globalStep)});
                }
                stepLoss = 0;
            }
            if (evaluating && settings.evalSteps == 0)
                run.evaluateAndSave();
        }
        totalLoss += loggedLoss;
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        const std::int64_t steps = std::max<std::int64_t>(1, state.globalStep - firstStep);
        result.trainLoss = totalLoss / double(steps);
        run.log({state.globalStep,
                 std::round(state.epoch * 100) / 100,
                 {{"train_runtime", std::round(seconds * 1e4) / 1e4},
                  {"train_samples_per_second",
                   std::round(double(steps * settings.batchSize * settings.gradAccum) / seconds * 1e3) / 1e3},
                  {"train_steps_per_second", std::round(double(steps) / seconds * 1e3) / 1e3},
                  {"total_flos", 0.0},
                  {"train_loss", result.trainLoss}}});
        run.loadBestModel();
        result.bestMetric = state.bestMetric;
        result.globalStep = state.globalStep;
        writeModelOutput(settings, run.trainable);
        writeFileAtomically(settings.out / "trainer_state.json", trainerStateJson(state));
        return result;
    });
}

} // namespace esm
