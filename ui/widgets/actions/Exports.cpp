#include "ui/widgets/actions/Exports.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/pae_json.h"
#include "core/io/structure_files.h"
#include "core/pipeline/score_csv.h"
#include "core/pipeline/versions.h"
#include "ui/services/document/Document.h"
#include "ui/services/figures/FoldPlots.h"
#include "ui/services/report/Report.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"
#include "ui/widgets/plots/HeatmapPanel.h"

#include <QApplication>
#include <QFileInfo>
#include <QMainWindow>
#include <QSaveFile>

namespace esmui {
namespace {

// Runs a writer that reports failure by throwing esm::Error.
template <typename Write> QString errorOf(Write&& write) {
    try {
        write();
    } catch (const std::exception& e) {
        return describeFailure(e);
    }
    return {};
}

std::shared_ptr<const esm::SequenceScores> currentScores(const Workspace& workspace) {
    return workspace.document->scoresAreCurrent() ? workspace.document->scores() : nullptr;
}

// The 3D view needs a shown, laid-out window to render.
QImage renderStructure(const Workspace& workspace, const QSize& size, bool transparentBackground) {
    workspace.window->show();
    QApplication::processEvents();
    return workspace.view->renderImage(size, transparentBackground);
}

ReportContent reportContent(const Workspace& workspace, const FoldRecord& fold) {
    const Document& document = *workspace.document;
    ReportContent c;
    c.title = QObject::tr("ESM Explorer report — fold #%1 (%2)")
                  .arg(document.currentFold() + 1)
                  .arg(fold.mutations);
    c.facts << QObject::tr("Mean pLDDT %1 · pTM %2").arg(fold.meanPlddt, 0, 'f', 1).arg(fold.ptm, 0, 'f', 3)
            << QObject::tr("%1 residues, %2 chain(s)").arg(fold.residues).arg(fold.sequence.count(':') + 1)
            << QObject::tr("Folded with %1 on %2 in %3 s")
                   .arg(fold.model, fold.time.toString(Qt::ISODate))
                   .arg(fold.seconds, 0, 'f', 1);
    if (document.comparison())
        c.facts << comparisonText(*document.comparison());
    const auto scores = currentScores(workspace);
    if (scores && scores->residues == QString(fold.sequence).remove(':').toStdString()) {
        c.scores = scores;
        c.facts << QObject::tr("Language model %1 (%2)")
                       .arg(QFileInfo(document.languageModel()).fileName(),
                            QString::fromStdString(esm::scoreModeName(scores->mode)));
        if (scores->mode == esm::ScoreMode::MaskedMarginal)
            c.facts << QObject::tr("Pseudo-log-likelihood %1, pseudo-perplexity %2")
                           .arg(scores->pseudoLogLikelihood(), 0, 'f', 2)
                           .arg(scores->pseudoPerplexity(), 0, 'f', 2);
    }
    c.facts << QObject::tr("ESM Explorer %1 · LibTorch %2 · Qt %3")
                   .arg(QApplication::applicationVersion(), QString::fromStdString(esm::libtorchVersion()),
                        qVersion());
    c.sequence = fold.sequence;
    c.plddt = foldPlddtData(document);
    c.pae = foldPaeData(document);
    return c;
}

} // namespace

QString needsStructure(const Workspace& workspace) {
    return workspace.document->hasStructure() ? QString() : QObject::tr("Open or fold a structure first.");
}

QString exportStructureFile(const Workspace& workspace, const QString& path) {
    if (const QString missing = needsStructure(workspace); !missing.isEmpty())
        return missing;
    return errorOf([&] { esm::writeStructureFile(path.toStdString(), workspace.document->structure()); });
}

QString exportPaeJson(const Workspace& workspace, const QString& path) {
    const FoldRecord* fold = workspace.document->currentFoldRecord();
    if (!fold)
        return QObject::tr("no fold on show: PAE comes with a fold");
    return errorOf([&] {
        esm::writeFileAtomically(path.toStdString(), esm::paeJson({fold->residues, fold->pae, fold->maxPae}));
    });
}

QString exportResidueTable(const Workspace& workspace, const QString& path) {
    const Document& document = *workspace.document;
    const FoldRecord* fold = document.currentFoldRecord();
    const auto scores = currentScores(workspace);
    const std::string residues = document.residues().toStdString();
    const bool foldOfSequence = fold && fold->sequence == document.sequence();
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& [chain, number] : document.positionNames())
        names.emplace_back(chain.toStdString(), number.toStdString());
    return errorOf([&] {
        esm::writeFileAtomically(path.toStdString(), [&](std::ostream& out) {
            esm::writeResidueTable(out, residues, foldOfSequence ? fold->plddt : std::vector<float>(),
                                   scores.get(), names);
        });
    });
}

QString exportReport(const Workspace& workspace, const QString& path) {
    const FoldRecord* fold = workspace.document->currentFoldRecord();
    if (!fold)
        return QObject::tr("no fold on show: the report describes a fold");
    ReportContent content = reportContent(workspace, *fold);
    content.structure = renderStructure(workspace, QSize(1600, 1200), false);
    return errorOf([&] { writeReport(path, content); });
}

QString exportHeatmapFigure(const Workspace& workspace, const QString& path) {
    return errorOf([&] { workspace.heatmap->exportFigure(path); });
}

QString exportScoresCsv(const Workspace& workspace, const QString& path) {
    return errorOf([&] { workspace.heatmap->exportCsv(path); });
}

QString exportPlddtFigure(const Workspace& workspace, const QString& path) {
    return errorOf([&] { exportPlddtFigure(path, foldPlddtData(*workspace.document)); });
}

QString exportPaeFigure(const Workspace& workspace, const QString& path) {
    return errorOf([&] { exportPaeFigure(path, foldPaeData(*workspace.document)); });
}

QString exportStructureImage(const Workspace& workspace, const QString& path, const QSize& size,
                             bool transparentBackground) {
    if (!workspace.document->hasStructure())
        return QObject::tr("no structure to draw");
    return savePng(renderStructure(workspace, size, transparentBackground), path);
}

QString savePng(const QImage& image, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace esmui
