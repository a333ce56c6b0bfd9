// A residue-by-residue matrix (PAE, contact map) as an image with axes and a colour bar: one
// painter for the view and for figures.
#pragma once

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QString>

#include <functional>
#include <vector>

namespace esmui {

struct MatrixPlotData {
    QImage matrix; // n x n pixels, one per residue pair (row = i, column = j)
    QString title, colourBarLabel;
    std::function<QColor(double)> palette; // the colour bar's scale
    double low = 0, high = 1;
    std::function<QString(int, int)> describe; // tooltip of a pair, may be empty
};

// PAE (Å, row = aligned residue, column = scored residue) in ChimeraX's pae palette, 0-30 Å.
MatrixPlotData paeMatrix(const std::vector<float>& pae, int residues);
// Upper triangle: the language model's contact probabilities; lower triangle: pairs of the
// structure with Cβ (Cα for glycine) closer than 8 Å. Either may be empty.
MatrixPlotData contactMatrix(const std::vector<float>& contacts, const std::vector<bool>& structureContacts,
                             int residues);

// The square the matrix fills in `area`.
QRectF matrixPlotSquare(const QRectF& area, const QFont& font);
void paintMatrixPlot(QPainter& painter, const QRectF& area, const MatrixPlotData& data);

} // namespace esmui
