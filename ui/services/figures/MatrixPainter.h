// A residue-by-residue matrix (PAE, contact map) as an image with axes and a colour bar: one
// painter for the view and for figures.
#pragma once

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QString>

#include <Eigen/Core>

#include <functional>
#include <vector>

namespace esmui {

// The matrix image never exceeds this many pixels a side: beyond it, a pixel stands for a block of
// residue pairs (10,000 residues would take 400 MB as one pixel each).
constexpr int kMaxMatrixImageSide = 2048;

struct MatrixPlotData {
    int residues = 0;            // the axes: rows and columns are residues
    std::vector<QString> labels; // per residue, its name on the axes (author numbering); empty: 1, 2, …
    QImage matrix;               // residues x residues pixels, or blocks of pairs when that is over the limit
    QString title, colourBarLabel;
    std::function<QColor(double)> palette; // the colour bar's scale
    double low = 0, high = 1;
    std::function<QString(int, int)> describe; // tooltip of a pair, may be empty
};

// PAE (Å, row = aligned residue, column = scored residue) in ChimeraX's pae palette, 0-30 Å.
// `labels` name the residues (see MatrixPlotData), in the axes and the tooltips.
MatrixPlotData paeMatrix(const std::vector<float>& pae, int residues, std::vector<QString> labels = {});
// Upper triangle: the language model's contact probabilities; lower triangle: pairs of the
// structure whose positions (Cβ, Cα for glycine; NaN where missing) are closer than
// `contactDistance`. Either may be empty. A block of pairs shows its highest probability and any
// structural contact.
MatrixPlotData contactMatrix(const std::vector<float>& contacts,
                             const std::vector<Eigen::Vector3d>& positions, double contactDistance,
                             int residues, std::vector<QString> labels = {});

// The square the matrix fills in `area`, beside its axes' labels.
QRectF matrixPlotSquare(const QRectF& area, const QFont& font, const MatrixPlotData& data);
void paintMatrixPlot(QPainter& painter, const QRectF& area, const MatrixPlotData& data);

} // namespace esmui
