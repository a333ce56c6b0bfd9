#include "ScoresBenchmark.h"

#include "bench_language_model.h"
#include "core/base/error.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/variant_scores.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ModelCache.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <filesystem>
#include <random>
#include <unistd.h>

namespace esmui {
namespace {

struct Measured {
    double seconds = 0;
    qint64 longestStallMs = 0;
};

// Runs `work` as a job and spins the UI event loop until it is delivered, timing both.
Measured runJob(JobRunner& runner, JobRunner::Work work) {
    QEventLoop loop;
    QElapsedTimer clock, sinceTick;
    qint64 longest = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] { longest = std::max(longest, sinceTick.restart()); });
    QString error;
    QObject::connect(&runner, &JobRunner::finished, &loop, &QEventLoop::quit);
    QObject::connect(&runner, &JobRunner::failed, &loop, [&](int, const QString& message) {
        error = message;
        loop.quit();
    });
    clock.start();
    sinceTick.start();
    tick.start(5);
    runner.submit("bench", std::move(work));
    loop.exec();
    if (!error.isEmpty())
        throw esm::Error(error.toStdString());
    return {clock.elapsed() / 1000.0, longest};
}

std::string randomProtein(int length) {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> pick(0, 19);
    std::string s;
    for (int i = 0; i < length; ++i)
        s += esm::kStandardAminoAcids[std::size_t(pick(random))];
    return s;
}

} // namespace

esm::BenchTable benchScores(const ScoresBenchOptions& options) {
    std::filesystem::path folder = options.modelFolder;
    const bool random = folder.empty();
    if (random) {
        folder = std::filesystem::path(options.scratch) / ("esmx-bench-scores-" + std::to_string(::getpid()));
        esm::writeRandomLanguageModel(options.config, folder);
    }
    esm::RuntimeOptions runtime;
    runtime.dtype = options.dtype;
    std::string computeType;
    esm::BenchTable table;
    table.columns = {"length", "mode", "forward passes", "seconds to heatmap", "longest UI stall ms"};
    try {
        JobRunner runner;
        const QString path = QString::fromStdString(folder.string());
        const Measured load = runJob(runner, [&](const esm::Progress& progress, ModelCache& models) {
            computeType = models.languageModel(path, runtime, progress).info().computeType;
            return std::function<void()>();
        });
        table.notes.push_back("model load in the worker: " + esm::formatNumber(load.seconds, 1) +
                              " s, longest UI stall " + std::to_string(load.longestStallMs) + " ms.");
        for (int length : options.lengths)
            for (const auto& modeName : options.modes) {
                const auto mode = esm::parseScoreMode(modeName);
                if (!mode)
                    throw esm::Error("unknown mode '" + modeName + "'");
                esm::ScoreOptions scoreOptions;
                scoreOptions.mode = *mode;
                scoreOptions.maskedPerForward = options.batch;
                const std::string sequence = randomProtein(length);
                const Measured m = runJob(runner, [path, runtime, sequence, scoreOptions](
                                                      const esm::Progress& progress, ModelCache& models) {
                    esm::scoreSequence(models.languageModel(path, runtime, progress), sequence, scoreOptions,
                                       progress);
                    return std::function<void()>();
                });
                const int passes = *mode == esm::ScoreMode::WildTypeMarginal
                                       ? 1
                                       : (length + options.batch - 1) / options.batch;
                table.rows.push_back(
                    {std::to_string(length), modeName,
                     std::to_string(passes) +
                         (passes > 1 ? " (x" + std::to_string(options.batch) + " copies)" : ""),
                     esm::formatNumber(m.seconds, 1), std::to_string(m.longestStallMs)});
            }
    } catch (...) {
        if (random)
            std::filesystem::remove_all(folder);
        throw;
    }
    if (random)
        std::filesystem::remove_all(folder);
    table.notes.push_back(
        (random ? options.config + " shapes with random weights" : folder.string()) + ", computed in " +
        computeType + " (--dtype " + options.dtype +
        "); scores computed in the GUI's worker thread while a 5 ms timer runs on the UI thread.");
    return table;
}

} // namespace esmui
