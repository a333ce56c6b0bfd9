#include "plots/FoldPlots.h"

#include "core/base/error.h"
#include "document/Document.h"
#include "plots/FigureExport.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace esmui {

PlddtPlotData foldPlddtData(const Document& document) {
    PlddtPlotData plddt;
    const FoldRecord* fold = document.currentFoldRecord();
    if (!fold) {
        plddt.label = QObject::tr("pLDDT: fold the sequence to see its confidence");
        return plddt;
    }
    plddt.plddt = fold->plddt;
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
        return paeMatrix(fold->pae, fold->residues);
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
