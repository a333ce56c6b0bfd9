#include "ui/services/figures/FoldPlots.h"

#include "core/base/error.h"
#include "ui/services/document/Document.h"
#include "ui/services/figures/FigureExport.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace esmui {

namespace {

// The axis names of a fold's or opened prediction's residues; none when the structure does not have
// exactly those residues.
std::vector<QString> labelsFor(const esm::Structure* structure, std::size_t residues) {
    std::vector<QString> labels = structure ? residueLabels(*structure) : std::vector<QString>();
    return labels.size() == residues ? labels : std::vector<QString>();
}

// An opened prediction's own pLDDT (the B-factor column of ESMFold, AlphaFold DB, ColabFold files).
PlddtPlotData openedPlddt(const esm::Structure& structure) {
    PlddtPlotData plddt;
    const auto chains = structure.conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : structure.polymerResidues(c))
            plddt.plddt.push_back(float(structure.residueConfidence(r)));
    plddt.labels = labelsFor(&structure, plddt.plddt.size());
    double sum = 0;
    for (float v : plddt.plddt)
        sum += v;
    plddt.label = QObject::tr("%1 (opened prediction): mean pLDDT %2")
                      .arg(QString::fromStdString(structure.name))
                      .arg(plddt.plddt.empty() ? 0.0 : sum / double(plddt.plddt.size()), 0, 'f', 1);
    return plddt;
}

} // namespace

PlddtPlotData foldPlddtData(const Document& document) {
    PlddtPlotData plddt;
    const FoldRecord* fold = document.currentFoldRecord();
    if (!fold && document.hasStructure() && document.structure().confidence == esm::Confidence::PLDDT)
        return openedPlddt(document.structure());
    if (!fold) {
        plddt.label = QObject::tr("pLDDT: fold the sequence to see its confidence");
        return plddt;
    }
    plddt.plddt = fold->plddt;
    plddt.labels = labelsFor(fold->structure.get(), plddt.plddt.size());
    plddt.label = QObject::tr("Fold #%1 (%2): mean pLDDT %3, pTM %4")
                      .arg(document.currentFold() + 1)
                      .arg(fold->mutations)
                      .arg(fold->meanPlddt, 0, 'f', 1)
                      .arg(fold->ptm, 0, 'f', 3);
    if (const auto& c = document.comparison(); c && c->shown == document.currentFold()) {
        plddt.comparison = c->otherPlddt;
        for (std::size_t p = 0; p < plddt.comparison.size() && p < plddt.plddt.size(); ++p)
            if (std::isnan(plddt.comparison[p]))
                plddt.comparison[p] = plddt.plddt[p]; // unpaired: no difference
        plddt.comparisonLabel = QObject::tr("- - fold #%1").arg(c->other + 1);
    }
    return plddt;
}

MatrixPlotData foldPaeData(const Document& document) {
    if (const FoldRecord* fold = document.currentFoldRecord())
        return paeMatrix(fold->pae, fold->residues,
                         labelsFor(fold->structure.get(), std::size_t(fold->residues)));
    if (const auto& pae = document.structurePae(); pae && document.hasStructure())
        return paeMatrix(pae->values, pae->residues,
                         labelsFor(&document.structure(), std::size_t(pae->residues)));
    MatrixPlotData pae;
    pae.title = QObject::tr("Predicted aligned error: fold the sequence to see it");
    return pae;
}

void exportPlddtFigure(const QString& path, const PlddtPlotData& data) {
    if (data.plddt.empty())
        throw esm::Error("no fold to plot");
    exportFigure(path, QSizeF(std::clamp(double(data.plddt.size()) * 3 + 120, 420.0, 900.0), 240),
                 [&](QPainter& painter, const QRectF& area) {
                     paintPlddtPlot(painter, area.adjusted(6, 6, -6, -6), data);
                 });
}

void exportPaeFigure(const QString& path, const MatrixPlotData& data) {
    if (data.matrix.isNull())
        throw esm::Error("no fold to plot");
    exportFigure(path, QSizeF(440, 380), [&](QPainter& painter, const QRectF& area) {
        paintMatrixPlot(painter, area.adjusted(6, 6, -6, -6), data);
    });
}

} // namespace esmui
