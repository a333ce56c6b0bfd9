// The matrix view: the painter's figure; dragging a rectangle selects its two residue ranges (rows
// and columns) in the shared selection.
#pragma once

#include "ui/services/figures/MatrixPainter.h"

#include <QWidget>

namespace esmui {

class ResidueSelection;

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
