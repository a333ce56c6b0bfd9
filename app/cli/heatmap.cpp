// esmx heatmap: the score of every substitution at every position, as CSV and optionally a figure.
#include "args.h"
#include "commands.h"
#include "inputs.h"
#include "model_argument.h"
#include "progress_printer.h"
#include "score_options.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/score_csv.h"
#include "qt_application.h"
#include "ui/services/figures/FigureExport.h"
#include "ui/services/figures/HeatmapPainter.h"

#include <QFileInfo>
#include <QGuiApplication>

#include <filesystem>
#include <memory>

namespace cli {
namespace {

// OUT.svg for one record; OUT.ID.svg for each of several.
QString figurePath(const std::string& figure, const std::string& id, bool several) {
    if (!several)
        return QString::fromStdString(figure);
    const std::filesystem::path path(figure);
    return QString::fromStdString(
        (path.parent_path() / (path.stem().string() + "." + fileStemOf(id) + path.extension().string()))
            .string());
}

// Figures need fonts, hence a Qt application; no display is needed.
std::unique_ptr<QGuiApplication> figureApplication() {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return makeApplication<QGuiApplication>();
}

} // namespace

int runHeatmap(const Arguments& arguments) {
    Args args(
        "heatmap",
        "--model DIR (--sequence SEQ | --fasta FILE) --mode wt-marginal|masked-marginal --out OUT.csv "
        "[--figure OUT.svg|.pdf|.png]",
        "Scores every position and each of the 20 standard amino acids with a masked language model.\n"
        "CSV columns: id,position,wt,mut,log_prob_mut,log_prob_wt,llr (position 1-based over the\n"
        "residues, chain separators not counted; llr = log_prob_mut - log_prob_wt, 0 for the wild\n"
        "type). Chains (':') are scored one by one; sequences longer than the model takes are scored in\n"
        "overlapping windows. With several records, --figure OUT.svg writes OUT.ID.svg for each.");
    addModelOption(args, "masked language model (ESM-2, ESM-1b, ESM-1v)");
    addSequenceOptions(args);
    addScoreOptions(args, "wt-marginal (one pass) or masked-marginal (one pass per position)", "wt-marginal");
    args.option("out", "OUT.csv", "scores (written atomically)");
    args.option("figure", "OUT.svg|.pdf|.png", "the heatmap as a figure");
    args.option("value", "llr|probability", "what the figure's colours show", "llr");
    args.option("window", "N",
                "residues per window for long sequences (default: what the model takes, at most 1022)", "0");
    addRuntimeOptions(args, kLanguageModelDtypes);
    args.parse(arguments);

    esm::ScoreOptions options = scoreOptions(args);
    options.window = args.integer("window", 0);
    const std::string value = args.value("value");
    if (value != "llr" && value != "probability")
        throw UsageError("--value must be llr or probability");
    if (args.has("figure") && !esmui::isFigureFormat(QString::fromStdString(args.value("figure"))))
        throw UsageError("--figure must end in .svg, .pdf or .png");
    const std::string out = args.value("out");
    const auto records = readInputRecords(args, Chains::Allowed, Tokens::SpecialAllowed);

    ProgressPrinter printer("heatmap");
    const auto model = esm::LanguageModel::load(modelFolder(args, printer.progress()), runtimeOptions(args),
                                                printer.progress());
    const auto application = args.has("figure") ? figureApplication() : nullptr;
    esm::AtomicFileWriter csv(out);
    csv.stream() << esm::kScoreCsvHeader << "\n";
    for (const auto& record : records) {
        esm::SequenceScores scores;
        try {
            scores = esm::scoreSequence(*model, record.sequence, options, printer.progress());
        } catch (const esm::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            throw esm::Error("record '" + record.id + "': " + e.what());
        }
        esm::writeScoreRows(csv.stream(), record.id, scores);
        if (args.has("figure"))
            esmui::exportHeatmapFigure(
                figurePath(args.value("figure"), record.id, records.size() > 1), scores,
                value == "llr" ? esmui::HeatmapValue::LogLikelihoodRatio : esmui::HeatmapValue::Probability,
                QString::fromStdString(record.id + " — " + model->info().folder.filename().string() + ", " +
                                       esm::scoreModeName(scores.mode)));
    }
    csv.commit();
    return 0;
}

} // namespace cli
