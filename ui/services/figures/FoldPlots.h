// The plots of the fold on show, made from the document (not from the widgets that show them):
// for the Plots panel, figure exports and the report alike.
#pragma once

#include "ui/services/figures/MatrixPainter.h"
#include "ui/services/figures/PlddtPainter.h"

namespace esmui {

class Document;

// pLDDT of the fold on show, with the compared fold's when there is a comparison; a prompt label
// when the document has no fold.
PlddtPlotData foldPlddtData(const Document& document);
MatrixPlotData foldPaeData(const Document& document);

// Figures (.svg, .pdf, .png by the extension); throw esm::Error when there is nothing to draw.
void exportPlddtFigure(const QString& path, const PlddtPlotData& data);
void exportPaeFigure(const QString& path, const MatrixPlotData& data);

} // namespace esmui
