// A residue-by-residue matrix (PAE, contact map) as an image with axes and a colour bar, drawn by
// one painter for the view and for figures. In the view, dragging a rectangle selects its two
// residue ranges (rows and columns) in the shared selection.
#pragma once

#include <QImage>
#include <QWidget>

#include <functional>

namespace esmui {

class ResidueSelection;

struct MatrixPlotData {
    QImage matrix;     // n x n pixels, one per residue pair (row = i, column = j)
    QString title, colourBarLabel;
    std::function<QColor(double)> palette; // the colour bar's scale
    double low = 0, high = 1;
    std::function<QString(int, int)> describe; // tooltip of a pair, may be empty
};

// PAE (Å, row = aligned residue, column = scored residue) in ChimeraX's pae palette, 0-30 Å.
MatrixPlotData paeMatrix(const std::vector<float>& pae, int residues);
// Upper triangle: the language model's contact probabilities; lower triangle: pairs of the
// structure with Cβ (Cα for glycine) closer than 8 Å. Either may be empty.
MatrixPlotData contactMatrix(const std::vector<float>& contacts, const std::vector<bool>& structureContacts, int residues);

// The square the matrix fills in `area`.
QRectF matrixPlotSquare(const QRectF& area, const QFont& font);
void paintMatrixPlot(QPainter& painter, const QRectF& area, const MatrixPlotData& data);

class MatrixView : public QWidget {
    Q_OBJECT
public:
    explicit MatrixView(ResidueSelection* selection, QWidget* parent = nullptr);
    void setData(MatrixPlotData data);
    const MatrixPlotData& data() const { return m_data; }
    // Widget point of a residue pair's centre.
    QPointF pointOf(int row, int column) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    std::pair<int, int> cellAt(const QPointF& point) const;

    ResidueSelection* m_selection;
    MatrixPlotData m_data;
    QPointF m_dragStart, m_dragEnd;
    bool m_dragging = false;
};

} // namespace esmui
