// Per-residue pLDDT of a fold with the four AlphaFold DB bands shaded behind it, optionally a
// second fold's pLDDT and the difference (ΔpLDDT) below: one painter for the view and for figures.
#pragma once

#include <QPainter>
#include <QString>

#include <set>
#include <vector>

namespace esmui {

struct PlddtPlotData {
    std::vector<float> plddt;
    std::vector<float> comparison; // same positions; empty for none
    QString label, comparisonLabel;
    std::vector<QString> labels; // per residue, its name on the axis (author numbering); empty: 1, 2, …
    std::set<int> selected;
};

// The rectangle the curve is drawn in, below the title wrapped to the width, for mapping positions.
QRectF plddtPlotArea(const QRectF& area, const QFont& font, const PlddtPlotData& data);
void paintPlddtPlot(QPainter& painter, const QRectF& area, const PlddtPlotData& data);

} // namespace esmui
