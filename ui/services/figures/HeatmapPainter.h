// The masked-residue heatmap drawn with QPainter, for the interactive view and for figures alike:
// 20 amino-acid rows by sequence positions, the wild type marked in each column, a per-position
// entropy track above, residue numbers below and a colour bar beside.
#pragma once

#include "core/pipeline/variant_scores.h"

#include <QFont>
#include <QPainter>
#include <QString>

#include <optional>
#include <set>
#include <vector>

namespace esmui {

// Rows from top to bottom, grouped by chemistry as the esm-variants tool shows them.
inline constexpr std::string_view kHeatmapRowOrder = "KRHEDNQTSCGAVLIMPYFW";

// PredictedChange: a regression task model's landscape (TaskModelService), whose scores hold predicted
// values: "LLR" is the predicted value minus the wild type's, coloured on the same diverging scale.
enum class HeatmapValue { LogLikelihoodRatio, Probability, PredictedChange };

struct HeatmapGeometry {
    QRectF entropyTrack, cells, colourBar;
    int first = 0, count = 0; // positions shown
    double cellWidth = 0, cellHeight = 0;

    // The (position, amino-acid index in kStandardAminoAcids) of the cell under `point`.
    std::optional<std::pair<int, int>> cellAt(const QPointF& point) const;
    // The position of the column under `point` (cells or entropy track), or -1.
    int positionAt(const QPointF& point) const;
};

// Lays out positions [first, first + count) in `area`; `title` reserves a line above.
HeatmapGeometry heatmapGeometry(const QRectF& area, int first, int count, const QFont& font, bool title);
// The least height at which the 20 rows keep labels that can be read; a view this low scrolls.
double heatmapMinimumHeight(const QFont& font, bool title);

struct HeatmapOptions {
    HeatmapValue value = HeatmapValue::LogLikelihoodRatio;
    QString title;                       // drawn above the plot when not empty
    std::set<int> selected;              // positions drawn with a frame
    std::set<int> changed;               // positions edited since the structure on show: a magenta tick above
    std::vector<QString> positionLabels; // the axis' names of the positions; empty: 1, 2, ...
    int hoveredPosition = -1;
};

void paintHeatmap(QPainter& painter, const HeatmapGeometry& geometry, const esm::SequenceScores& scores,
                  const HeatmapOptions& options);

// The whole sequence as a figure (SVG, PDF or PNG by extension), sized to its length.
void exportHeatmapFigure(const QString& path, const esm::SequenceScores& scores, HeatmapValue value,
                         const QString& title);

// What the diverging colour scale spans (symmetric around 0): the largest |LLR| of the sequence,
// at least `floor`.
double llrColourLimit(const esm::SequenceScores& scores, double floor = 1.0);

} // namespace esmui
