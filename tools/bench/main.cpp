// esmx-bench, run as `esmx bench lm|fold|render|scores`: speed and memory of real model shapes with
// random weights, and of the GUI's 3D view and heatmap jobs, as markdown tables.
#include "args.h"
#include "commands.h"
#include "progress_printer.h"
#include "run_command.h"

#include "RenderBenchmark.h"
#include "ScoresBenchmark.h"
#include "bench_fold.h"
#include "bench_language_model.h"
#include "bench_train.h"
#include "qt_application.h"

#include <QApplication>
#include <QCoreApplication>
#include <QRegularExpression>

#include <charconv>
#include <iostream>

namespace cli {
namespace {

std::vector<int> integers(const Args& args, const std::string& name) {
    std::vector<int> values;
    for (const auto& item : args.commaList(name)) {
        int v = 0;
        const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (error != std::errc() || end != item.data() + item.size() || v <= 0)
            throw UsageError("--" + name + " needs positive whole numbers, not '" + item + "'");
        values.push_back(v);
    }
    return values;
}

int benchLm(const Args& args) {
    esm::LanguageModelBenchOptions options;
    options.config = args.value("config");
    options.lengths = integers(args, "lengths");
    if (args.has("dtype"))
        options.dtypes = args.commaList("dtype");
    options.batch = args.integer("batch", 1);
    options.repeats = args.integer("repeats", 3);
    options.measureLoad = args.has("load");
    options.scratchFolder = args.value("scratch");
    ProgressPrinter printer("bench lm");
    std::cout << esm::benchLanguageModel(options, printer.progress()).markdown();
    return 0;
}

int benchFold(const Args& args) {
    esm::FoldBenchOptions options;
    options.config = args.value("config") == "esm2_t33_650M" ? "esmfold_v1" : args.value("config");
    options.lengths = integers(args, "lengths");
    if (args.has("dtype"))
        options.dtypes = args.commaList("dtype");
    options.recycles = args.integer("recycles", 0);
    options.backgroundLoad = args.integer("background-load", 0);
    options.chunkSizes.clear();
    for (const auto& item : args.commaList("chunk-size")) {
        std::int64_t size = 0;
        const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), size);
        if (item != "none" && (error != std::errc() || end != item.data() + item.size() || size <= 0))
            throw UsageError("--chunk-size takes positive whole numbers or none, not '" + item + "'");
        options.chunkSizes.push_back(item == "none" ? std::nullopt : std::optional<std::int64_t>(size));
    }
    ProgressPrinter printer("bench fold");
    std::cout << esm::benchFold(options, printer.progress()).markdown();
    return 0;
}

int benchRender(const Args& args) {
    esmui::RenderBenchOptions options;
    options.residues = integers(args, "residues");
    options.styles.clear();
    for (const auto& style : args.commaList("style"))
        options.styles.push_back(QString::fromStdString(style));
    options.frames = args.integer("frames", 10);
    const auto size = QRegularExpression("^(\\d+)x(\\d+)$").match(QString::fromStdString(args.value("size")));
    if (!size.hasMatch())
        throw UsageError("--size needs WIDTHxHEIGHT, e.g. 1280x800");
    options.size = QSize(size.captured(1).toInt(), size.captured(2).toInt());
    const auto app = makeApplication<QApplication>();
    std::cout << esmui::benchRender(options).markdown();
    return 0;
}

int benchScores(const Args& args) {
    esmui::ScoresBenchOptions options;
    options.config = args.value("config");
    options.modelFolder = args.has("model") ? args.value("model") : "";
    options.lengths = integers(args, "lengths");
    options.modes = args.commaList("mode");
    options.batch = args.integer("batch", 1);
    options.scratch = args.value("scratch");
    options.dtype = args.has("dtype") ? args.value("dtype") : "auto";
    const auto app = makeApplication<QCoreApplication>();
    std::cout << esmui::benchScores(options).markdown();
    return 0;
}

int benchTrain(const Args& args) {
    esm::TrainBenchOptions options;
    options.config = args.has("config") ? args.value("config") : "esm2_t12_35M";
    options.task = args.value("task");
    options.mode = args.has("mode") ? args.value("mode") : "full";
    options.batch = args.has("batch") ? args.integer("batch", 1) : 8;
    options.length = args.integer("length", 3);
    options.steps = args.integer("steps", 1);
    if (args.has("dtype"))
        options.dtypes = args.commaList("dtype");
    options.scratchFolder = args.value("scratch");
    options.gradientCheckpointing = args.has("gradient-checkpointing");
    ProgressPrinter printer("bench train");
    std::cout << esm::benchTraining(options, printer.progress()).markdown();
    return 0;
}

int runBenchmarks(const Arguments& arguments) {
    Args args(
        "bench",
        "lm|fold --config NAME --lengths L1,L2 [--dtype float32,bfloat16] [--batch N] [--chunk-size C1,C2]\n"
        "       esmx bench render [--residues N1,N2] [--style cartoon,trace,sticks,spheres] [--frames N]\n"
        "       esmx bench scores [--config NAME | --model DIR] [--lengths 300] [--mode "
        "wt-marginal,masked-marginal]\n"
        "       esmx bench train --config esm2_t12_35M|esm2_t30_150M|esm2_t33_650M --task TASK --mode "
        "full|head|lora\n"
        "                        --batch 8 --length 256 [--dtype float32]",
        "lm, fold: times forward passes of built-in real model shapes with random weights and prints a\n"
        "markdown table: ms per forward (median of --repeats after a warm-up), tokens/s, GFLOP/s against\n"
        "this machine's own matmul rate for the dtype, and peak RSS against the weights.\n"
        "render: frames per second of the 3D view on structures tiled from ubiquitin (needs a display;\n"
        "run it under xvfb-run -a on a headless machine).\n"
        "scores: seconds until the heatmap's scores arrive from the GUI's worker thread, and the longest\n"
        "stall of the UI thread's event loop meanwhile.\n"
        "train: optimizer steps of esmx train (seconds per step, sequences/s, share of the matmul rate,\n"
        "peak RSS) on a random model of the shape and random sequences of --length tokens.");
    args.positionals(
        "WHAT", "lm (language model), fold (ESMFold), render (3D view), scores (heatmap job) or train", 1, 1);
    args.option("config", "NAME",
                "lm: esm2_t6_8M, esm2_t12_35M, esm2_t30_150M, esm2_t33_650M or esm2_t36_3B; fold: esmfold_v1",
                "esm2_t33_650M");
    args.option("lengths", "L1,L2,...", "sequence lengths (residues)", "128,256,512");
    args.option("dtype", "T1,T2,...",
                "float32, bfloat16, int8, float64, auto (default: lm float32; fold, scores auto)");
    args.option("background-load", "N", "fold: N busy processes beside it (a competing program)", "0");
    args.option("batch", "N",
                "lm: sequences per forward; scores: masked copies per forward; train: per step (8)", "1");
    args.option("repeats", "N", "timed runs per cell (at least 3)", "3");
    args.option("recycles", "N", "fold: recycles (N + 1 trunk passes)", "3");
    args.option("chunk-size", "C1,C2,...", "fold: triangular attention chunk sizes ('none' for unchunked)",
                "none");
    args.option("residues", "N1,N2,...", "render: structure sizes", "1000,3000");
    args.option("style", "S1,S2,...", "render: cartoon, trace, sticks, ball-and-stick, spheres",
                "cartoon,trace,sticks,spheres");
    args.option("frames", "N", "render: frames timed per cell", "60");
    args.option("size", "WxH", "render: view size in pixels", "1280x800");
    args.option("mode", "M1,M2",
                "scores: wt-marginal, masked-marginal; train: full, head or lora (default full)",
                "wt-marginal,masked-marginal");
    args.option("task", "TASK", "train: sequence-classification, token-classification, masked-lm, ...",
                "sequence-classification");
    args.option("length", "N", "train: tokens per sequence, <cls> and <eos> included", "256");
    args.option("steps", "N", "train: timed optimizer steps after one warm-up step", "5");
    args.flag("gradient-checkpointing", "train: layers computed again for the backward pass");
    args.option("model", "DIR", "scores: a real model folder instead of random weights");
    args.flag("load", "also save the random model as a HuggingFace folder and time loading it back");
    args.option("scratch", "DIR", "where --load writes its temporary model folder", "/tmp");
    args.parse(arguments);
    const std::string what = args.positional().front();
    if (what == "lm")
        return benchLm(args);
    if (what == "fold")
        return benchFold(args);
    if (what == "render")
        return benchRender(args);
    if (what == "scores")
        return benchScores(args);
    if (what == "train")
        return benchTrain(args);
    throw UsageError("unknown benchmark '" + what + "' (lm, fold, render, scores or train)");
}

} // namespace
} // namespace cli

int main(int argc, char** argv) {
    return cli::runCommand(cli::Command{"bench", "", cli::runBenchmarks},
                           cli::Arguments(argv + 1, argv + argc));
}
