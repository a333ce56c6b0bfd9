// The pLDDT plot view: the painter's figure, sharing the residue selection (click selects, drag
// selects a range).
#pragma once

#include "ui/services/figures/PlddtPainter.h"

#include <QWidget>

namespace esmui {

class ResidueSelection;

class PlddtPlot : public QWidget {
    Q_OBJECT
  public:
    explicit PlddtPlot(ResidueSelection* selection, QWidget* parent = nullptr);
    void setData(PlddtPlotData data);
    const PlddtPlotData& data() const { return m_data; }
    // The position under a widget x coordinate, or -1.
    int positionAt(double x) const;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

  private:
    QRectF plotArea() const;

    ResidueSelection* m_selection;
    PlddtPlotData m_data;
    int m_pressed = -1;
};

} // namespace esmui
