// Per-residue pLDDT of a fold with the four AlphaFold DB bands shaded behind it, optionally a
// second fold's pLDDT and the difference (ΔpLDDT) below. Drawn by one painter for the view and for
// figures; the view shares the residue selection (click selects, drag selects a range).
#pragma once

#include <QWidget>

#include <set>
#include <vector>

namespace esmui {

class ResidueSelection;

struct PlddtPlotData {
    std::vector<float> plddt;
    std::vector<float> comparison; // same positions; empty for none
    QString label, comparisonLabel;
    std::set<int> selected;
};

// The rectangle the curve is drawn in, for mapping positions.
QRectF plddtPlotArea(const QRectF& area, const QFont& font, bool comparison);
void paintPlddtPlot(QPainter& painter, const QRectF& area, const PlddtPlotData& data);

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
