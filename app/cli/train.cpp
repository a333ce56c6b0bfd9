// esmx train: fine-tune an ESM model on labelled sequences (full, head-only or LoRA), as
// HuggingFace's Trainer does; the result is a HuggingFace model folder (or PEFT adapter folder).
#include "args.h"
#include "commands.h"
#include "model_argument.h"
#include "progress_printer.h"

#include "core/pipeline/fine_tuning.h"

#include <csignal>
#include <cstdio>
#include <iostream>

namespace cli {
namespace {

volatile std::sig_atomic_t interrupted = 0;

void onInterrupt(int) {
    interrupted = 1;
}

double number(const Args& args, const std::string& name) {
    const std::string text = args.value(name);
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size())
            return value;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + name + " takes a number, not '" + text + "'");
}

std::string formatLog(const esm::TrainingLogEntry& entry) {
    std::string line = "step " + std::to_string(entry.step);
    char text[64];
    std::snprintf(text, sizeof text, " epoch %.2f", entry.epoch);
    line += text;
    for (const auto& [key, value] : entry.values) {
        std::snprintf(text, sizeof text, " %s %.6g", key.c_str(), value);
        line += text;
    }
    return line;
}

esm::TrainingSettings settingsOf(const Args& args, const esm::Progress& progress) {
    esm::TrainingSettings s;
    s.model = modelFolder(args, progress);
    s.task = esm::parseTrainingTask(args.value("task"));
    s.train = args.value("train");
    if (args.has("eval"))
        s.eval = args.value("eval");
    s.out = args.value("out");
    s.mode = esm::parseTrainingMode(args.value("mode"));
    s.loraRank = args.integer("lora-rank", 1);
    s.loraAlpha = number(args, "lora-alpha");
    s.loraTargets = args.commaList("lora-targets");
    if (args.has("epochs") && args.has("max-steps"))
        throw UsageError("give --epochs or --max-steps, not both");
    s.epochs = number(args, "epochs");
    if (args.has("max-steps"))
        s.maxSteps = args.integer("max-steps", 1);
    s.batchSize = args.integer("batch-size", 1);
    s.gradAccum = args.integer("grad-accum", 1);
    s.learningRate = number(args, "lr");
    s.weightDecay = number(args, "weight-decay");
    if (args.has("warmup-steps") && args.has("warmup-ratio"))
        throw UsageError("give --warmup-steps or --warmup-ratio, not both");
    if (args.has("warmup-steps"))
        s.warmupSteps = args.integer("warmup-steps", 0);
    if (args.has("warmup-ratio"))
        s.warmupRatio = number(args, "warmup-ratio");
    s.maxGradNorm = number(args, "max-grad-norm");
    s.shuffle = !args.has("no-shuffle");
    s.seed = static_cast<std::uint64_t>(args.integer("seed", 0));
    s.maxLength = args.integer("max-length", 3);
    if (args.has("labels"))
        s.labels = args.commaList("labels");
    const std::string weights = args.value("class-weights");
    if (weights != "none" && weights != "balanced")
        throw UsageError("--class-weights takes none or balanced");
    s.balancedClassWeights = weights == "balanced";
    s.dtype = args.value("dtype");
    s.loggingSteps = args.integer("logging-steps", 0);
    const std::string evalSteps = args.value("eval-steps");
    s.evalSteps = evalSteps == "epoch" ? 0 : args.integer("eval-steps", 1);
    s.saveSteps = args.integer("save-steps", 0);
    if (args.has("resume"))
        s.resume = args.value("resume");
    s.merge = args.has("merge");
    if (s.merge && s.mode != esm::TrainingMode::Lora)
        throw UsageError("--merge goes with --mode lora");
    s.gradientCheckpointing = args.has("gradient-checkpointing");
    s.threads = args.integer("threads", 0);
    return s;
}

} // namespace

int runTrain(const Arguments& arguments) {
    Args args("train", "--model DIR|REPO --task TASK --train FILE [--eval FILE] --out DIR [options]",
              "Fine-tunes an ESM model on labelled sequences as HuggingFace's Trainer does (AdamW, linear\n"
              "warm-up schedule, gradient clipping) and writes a HuggingFace model folder to --out (with\n"
              "--mode lora a PEFT adapter folder). Training files: CSV or TSV with a header naming\n"
              "'sequence' and 'label' (masked-lm: FASTA). Ctrl-C stops after the current step; the last\n"
              "checkpoint stays whole.");
    addModelOption(args, "the base model: a HuggingFace folder or repo id");
    args.option(
        "task", "TASK",
        "sequence-classification | sequence-regression | multi-label | token-classification | masked-lm");
    args.option("train", "FILE", "training data");
    args.option("eval", "FILE", "evaluation data (metrics, and the best model is kept)");
    args.option("out", "DIR", "output folder (new or empty)");
    args.option("mode", "MODE", "full | head (encoder frozen, its outputs cached) | lora", "full");
    args.option("lora-rank", "R", "LoRA rank", "8");
    args.option("lora-alpha", "A", "LoRA alpha (scaling alpha / rank)", "16");
    args.option("lora-targets", "NAMES", "encoder Linear layers that get adapters", "query,key,value,dense");
    args.option("epochs", "N", "passes over the training data", "3");
    args.option("max-steps", "N", "optimizer steps (instead of --epochs)");
    args.option("batch-size", "N", "sequences per batch", "8");
    args.option("grad-accum", "N", "batches per optimizer step", "1");
    args.option("lr", "RATE", "peak learning rate", "2e-5");
    args.option("weight-decay", "W", "AdamW weight decay (not on biases and LayerNorm)", "0.01");
    args.option("warmup-steps", "N", "steps of linear warm-up");
    args.option("warmup-ratio", "R", "warm-up as a fraction of all steps");
    args.option("max-grad-norm", "N", "clip the gradient norm (0: no clipping)", "1.0");
    args.flag("no-shuffle", "batches in file order");
    args.option("seed", "N", "seed of shuffling, masking and new weights", "42");
    args.option("max-length", "N", "tokens per sequence, <cls> and <eos> included (longer ones are cut)",
                "1024");
    args.option("labels", "A,B,C", "the label set, in id order");
    args.option("class-weights", "none|balanced", "weigh classes by inverse frequency", "none");
    args.option("dtype", "TYPE", "float32 | bfloat16 | auto", "float32");
    args.option("logging-steps", "N", "log the training loss every N steps", "10");
    args.option("eval-steps", "N|epoch", "evaluate (and save a checkpoint) every N steps or every epoch",
                "epoch");
    args.option("save-steps", "N", "save a checkpoint every N steps (0: never)", "500");
    args.option("resume", "DIR/checkpoint-N", "continue a run from its checkpoint");
    args.flag("merge", "LoRA: also write the adapters merged into the model");
    args.flag("gradient-checkpointing",
              "keep one layer's activations, not all (one more forward pass a step)");
    args.option("threads", "N", "CPU threads (0: every core)", "0");
    args.parse(arguments);

    ProgressPrinter printer("train");
    const esm::TrainingSettings settings = settingsOf(args, printer.progress());
    esm::Progress progress = printer.progress();
    progress.cancelled = [] { return interrupted != 0; };
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);

    esm::TrainingCallbacks callbacks;
    callbacks.onNote = [&](const std::string& text) { printer.note(text); };
    callbacks.onLog = [&](const esm::TrainingLogEntry& entry) { printer.note(formatLog(entry)); };
    callbacks.onStep = [&](const esm::TrainingProgress& p) {
        char text[200];
        std::snprintf(text, sizeof text,
                      "step %lld/%lld epoch %.2f loss %.4f lr %.3g, %.2f sequences/s, %.0f s left",
                      static_cast<long long>(p.step), static_cast<long long>(p.totalSteps), p.epoch, p.loss,
                      p.learningRate, p.sequencesPerSecond, p.secondsLeft);
        printer.note(text);
    };
    const esm::TrainingResult result = esm::fineTune(settings, callbacks, progress);
    if (result.cancelled) {
        printer.note("stopped at step " + std::to_string(result.globalStep) +
                     "; resume from the last checkpoint in " + result.out.string());
        return 130;
    }
    printer.note("wrote " + result.out.string() + " (" + std::to_string(result.globalStep) +
                 " steps, train_loss " + std::to_string(result.trainLoss) + ")");
    return 0;
}

} // namespace cli
