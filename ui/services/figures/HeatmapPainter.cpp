#include "ui/services/figures/HeatmapPainter.h"

#include "core/structure/sequence.h"

#include "ui/services/figures/FigureExport.h"
#include "ui/services/figures/Palettes.h"

#include <QFontMetricsF>

#include <cmath>

namespace esmui {
namespace {

constexpr double kEntropyTrackHeight = 30;
constexpr double kAxisGap = 4;
constexpr double kColourBarWidth = 12;

int aminoAcidOfRow(int row) {
    return esm::standardAminoAcidIndex(kHeatmapRowOrder[std::size_t(row)]);
}

// A row label is read down to this fraction of a line of text; lower rows scroll instead.
constexpr double kReadableRow = 0.75;

double topMargin(const QFontMetricsF& metrics, bool title) {
    return title ? metrics.height() * 1.5 : 2;
}

// Wild-type letters, residue numbers, then the caption: three lines (two left the caption under
// the scroll bar when the letters were shown).
double bottomAxisHeight(const QFontMetricsF& metrics) {
    return 3 * metrics.height() + 3 * kAxisGap;
}

// Tick spacing of 1, 2, 5, 10, 20, 50, ... residues so labels do not overlap.
int tickStep(double cellWidth, double labelWidth) {
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
        if (step * cellWidth >= labelWidth * 1.5)
            return step;
    return 10000;
}

QColor cellColour(const esm::SequenceScores& scores, int position, int aminoAcid, HeatmapValue value,
                  double limit) {
    if (value == HeatmapValue::Probability)
        return sequentialColour(std::exp(double(scores.logProb(position, aminoAcid))));
    const double llr = scores.llr(position, aminoAcid);
    return std::isnan(llr) ? QColor(225, 225, 225)
                           : divergingColour(llr / limit); // no wild type: a special token
}

// The label under a column: the residue, or a lower-case letter for a special token (m for <mask>).
QString residueLabel(char residue) {
    const auto special = esm::specialTokenOf(residue);
    return special.empty() ? QString(QChar(residue)) : QString(QChar(special[1]));
}

void paintColourBar(QPainter& painter, const QRectF& bar, HeatmapValue value, double limit) {
    const int steps = 64;
    for (int i = 0; i < steps; ++i) {
        const double t = 1.0 - (i + 0.5) / steps; // top = high
        const QColor c =
            value == HeatmapValue::Probability ? sequentialColour(t) : divergingColour(2 * t - 1);
        painter.fillRect(
            QRectF(bar.left(), bar.top() + i * bar.height() / steps, bar.width(), bar.height() / steps + 0.5),
            c);
    }
    painter.setPen(QPen(Qt::black, 0.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    const QFontMetricsF metrics(painter.font());
    auto label = [&](double t, const QString& text) {
        const double y = bar.bottom() - t * bar.height();
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        painter.drawText(QPointF(bar.right() + 5, y + metrics.ascent() / 2 - 1), text);
    };
    if (value == HeatmapValue::Probability) {
        label(0, "0");
        label(0.5, "0.5");
        label(1, "1");
    } else {
        const int decimals = limit < 1 ? 3 : 1; // a model's values may span hundredths
        label(0, QString::number(-limit, 'f', decimals));
        label(0.5, "0");
        label(1, QString::number(limit, 'f', decimals));
    }
    painter.save();
    painter.translate(bar.right() + 5 + metrics.horizontalAdvance("-00.0") + 4, bar.center().y());
    painter.rotate(90);
    const QString caption = value == HeatmapValue::Probability       ? "probability"
                            : value == HeatmapValue::PredictedChange ? "Δ prediction"
                                                                     : "log-likelihood ratio";
    painter.drawText(QPointF(-metrics.horizontalAdvance(caption) / 2, 0), caption);
    painter.restore();
}

} // namespace

std::optional<std::pair<int, int>> HeatmapGeometry::cellAt(const QPointF& point) const {
    if (!cells.contains(point))
        return std::nullopt;
    const int column = int((point.x() - cells.left()) / cellWidth);
    const int row = int((point.y() - cells.top()) / cellHeight);
    if (column < 0 || column >= count || row < 0 || row >= 20)
        return std::nullopt;
    return std::make_pair(first + column, aminoAcidOfRow(row));
}

int HeatmapGeometry::positionAt(const QPointF& point) const {
    if (point.x() < cells.left() || point.x() >= cells.right() || point.y() < entropyTrack.top() ||
        point.y() >= cells.bottom())
        return -1;
    const int column = int((point.x() - cells.left()) / cellWidth);
    return column >= 0 && column < count ? first + column : -1;
}

double heatmapMinimumHeight(const QFont& font, bool title) {
    const QFontMetricsF metrics(font);
    return topMargin(metrics, title) + kEntropyTrackHeight + kAxisGap + 20 * kReadableRow * metrics.height() +
           bottomAxisHeight(metrics);
}

HeatmapGeometry heatmapGeometry(const QRectF& area, int first, int count, const QFont& font, bool title) {
    const QFontMetricsF metrics(font);
    const double line = metrics.height();
    HeatmapGeometry g;
    g.first = first;
    g.count = std::max(1, count);
    const double left = area.left() + metrics.horizontalAdvance("W") + 2 * kAxisGap + line;
    const double right =
        area.right() - (kColourBarWidth + 2 * kAxisGap + metrics.horizontalAdvance("-00.0") + line + 4);
    const double top = area.top() + topMargin(metrics, title);
    g.entropyTrack = QRectF(left, top, right - left, kEntropyTrackHeight);
    const double cellsTop = g.entropyTrack.bottom() + kAxisGap;
    const double bottomAxis = bottomAxisHeight(metrics);
    g.cells = QRectF(left, cellsTop, right - left, std::max(20.0, area.bottom() - bottomAxis - cellsTop));
    g.cellWidth = g.cells.width() / g.count;
    g.cellHeight = g.cells.height() / 20;
    g.colourBar = QRectF(right + 2 * kAxisGap, g.cells.top(), kColourBarWidth, g.cells.height());
    return g;
}

double llrColourLimit(const esm::SequenceScores& scores, double floor) {
    double limit = floor;
    for (int p = 0; p < scores.length(); ++p)
        for (int k = 0; k < 20; ++k)
            limit = std::max(limit, std::abs(double(scores.llr(p, k))));
    return limit;
}

void paintHeatmap(QPainter& painter, const HeatmapGeometry& g, const esm::SequenceScores& scores,
                  const HeatmapOptions& options) {
    const QFontMetricsF metrics(painter.font());
    // Log-likelihood ratios share a scale of at least ±1; a model's predicted changes span their own.
    const double limit = llrColourLimit(scores, options.value == HeatmapValue::PredictedChange ? 1e-6 : 1.0);
    const int last = std::min(scores.length(), g.first + g.count);
    painter.setPen(Qt::black);
    if (!options.title.isEmpty())
        painter.drawText(QRectF(g.cells.left(), g.entropyTrack.top() - metrics.height() * 1.5,
                                g.cells.width(), metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, options.title);

    // Entropy track: bars of 0 .. log2(20) bits.
    const double maxEntropy = std::log2(20.0);
    painter.fillRect(g.entropyTrack, QColor(245, 245, 245));
    for (int p = g.first; p < last; ++p) {
        const double h = g.entropyTrack.height() * scores.entropy[std::size_t(p)] / maxEntropy;
        painter.fillRect(QRectF(g.cells.left() + (p - g.first) * g.cellWidth, g.entropyTrack.bottom() - h,
                                std::max(0.5, g.cellWidth * 0.85), h),
                         QColor(90, 90, 90));
    }
    painter.setPen(Qt::black);
    painter.save();
    painter.translate(g.entropyTrack.left() - kAxisGap, g.entropyTrack.center().y());
    painter.rotate(-90);
    // A task model's landscape has no distribution over residues: its track stays empty and unnamed.
    const QString entropyLabel = options.value == HeatmapValue::PredictedChange ? QString() : "entropy";
    // Within the track's height, not running into the first rows of amino acids.
    if (const double width = metrics.horizontalAdvance(entropyLabel); width > g.entropyTrack.height()) {
        QFont small = painter.font();
        small.setPixelSize(std::max(6, int(QFontMetricsF(small).height() * g.entropyTrack.height() / width)));
        painter.setFont(small);
    }
    painter.drawText(QPointF(-QFontMetricsF(painter.font()).horizontalAdvance(entropyLabel) / 2, 0),
                     entropyLabel);
    painter.restore();

    // Cells, then the wild type of each column.
    for (int p = g.first; p < last; ++p)
        for (int row = 0; row < 20; ++row) {
            const QRectF cell(g.cells.left() + (p - g.first) * g.cellWidth,
                              g.cells.top() + row * g.cellHeight, g.cellWidth + 0.3, g.cellHeight + 0.3);
            painter.fillRect(cell, cellColour(scores, p, aminoAcidOfRow(row), options.value, limit));
        }
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int p = g.first; p < last; ++p) {
        const auto row = kHeatmapRowOrder.find(scores.residues[std::size_t(p)]);
        if (row == std::string_view::npos)
            continue;
        const QPointF centre(g.cells.left() + (p - g.first + 0.5) * g.cellWidth,
                             g.cells.top() + (double(row) + 0.5) * g.cellHeight);
        const double radius = std::max(0.6, std::min(g.cellWidth, g.cellHeight) * 0.22);
        painter.drawEllipse(centre, radius, radius);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(Qt::black, 0.5));
    painter.drawRect(g.cells);

    // Selection and hover frames.
    auto frameColumn = [&](int p, const QColor& colour, double width, double inset) {
        if (p < g.first || p >= last)
            return;
        painter.setPen(QPen(colour, width, inset > 0 ? Qt::DashLine : Qt::SolidLine));
        painter.drawRect(QRectF(g.cells.left() + (p - g.first) * g.cellWidth, g.entropyTrack.top(),
                                g.cellWidth, g.cells.bottom() - g.entropyTrack.top())
                             .adjusted(inset, inset, -inset, -inset));
    };
    for (int p : options.selected)
        frameColumn(p, QColor(40, 160, 40), 1.5, 0);
    // Masked columns inside, dashed, so that a selected one still shows it is masked.
    const double maskInset = std::min(3.0, g.cellWidth / 5);
    for (int p : scores.masked)
        frameColumn(p, QColor(230, 120, 0), 1.5, maskInset);
    frameColumn(options.hoveredPosition, QColor(0, 0, 0, 120), 1.0, 0);
    for (int p : options.changed)
        if (p >= g.first && p < last)
            painter.fillRect(QRectF(g.cells.left() + (p - g.first) * g.cellWidth, g.entropyTrack.top() - 4,
                                    g.cellWidth, 3),
                             QColor(230, 0, 160));

    // Axes: amino acids left; wild-type letters (when they fit) or residue numbers below.
    painter.setPen(Qt::black);
    painter.save();
    if (metrics.height() > g.cellHeight * 1.15) { // rows lower than a line of text: smaller labels
        QFont small = painter.font();
        small.setPixelSize(std::max(5, int(g.cellHeight)));
        painter.setFont(small);
    }
    for (int row = 0; row < 20; ++row)
        painter.drawText(QRectF(g.cells.left() - metrics.horizontalAdvance("W") - 2 * kAxisGap,
                                g.cells.top() + row * g.cellHeight, metrics.horizontalAdvance("W") + kAxisGap,
                                g.cellHeight),
                         Qt::AlignRight | Qt::AlignVCenter,
                         QString(QChar(kHeatmapRowOrder[std::size_t(row)])));
    painter.restore();
    const double axisY = g.cells.bottom() + kAxisGap;
    if (g.cellWidth >= metrics.horizontalAdvance("W")) {
        for (int p = g.first; p < last; ++p)
            painter.drawText(
                QRectF(g.cells.left() + (p - g.first) * g.cellWidth, axisY, g.cellWidth, metrics.height()),
                Qt::AlignCenter, residueLabel(scores.residues[std::size_t(p)]));
    }
    const bool named = options.positionLabels.size() == std::size_t(scores.length());
    auto positionName = [&](int p) {
        return named ? options.positionLabels[std::size_t(p)] : QString::number(p + 1);
    };
    double widest = metrics.horizontalAdvance(QString::number(last));
    for (int p = g.first; named && p < last; ++p)
        widest = std::max(widest, metrics.horizontalAdvance(positionName(p)));
    const int step = tickStep(g.cellWidth, widest);
    const double tickY = axisY + (g.cellWidth >= metrics.horizontalAdvance("W") ? metrics.height() : 0);
    // Round positions, and the first column shown when its label keeps clear of the next one's
    // (scrolled to 69, "A 69" and "A 70" ran together as "A 6970").
    const int firstRound = g.first + (step - (g.first + 1) % step) % step;
    const double nextWidth = firstRound < last ? metrics.horizontalAdvance(positionName(firstRound)) : 0;
    const double clearance =
        (metrics.horizontalAdvance(positionName(g.first)) + nextWidth) / 2 + metrics.horizontalAdvance("  ");
    const bool firstClear = firstRound == g.first || (firstRound - g.first) * g.cellWidth >= clearance;
    for (int p = g.first; p < last; ++p) {
        if ((p + 1) % step != 0 && !(p == g.first && firstClear))
            continue;
        const double x = g.cells.left() + (p - g.first + 0.5) * g.cellWidth;
        const QString label = positionName(p);
        painter.drawLine(QPointF(x, g.cells.bottom()), QPointF(x, g.cells.bottom() + 2));
        painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, tickY + metrics.ascent()), label);
    }
    const QString caption = named ? "residue" : "position";
    painter.drawText(QPointF(g.cells.center().x() - metrics.horizontalAdvance(caption) / 2,
                             tickY + metrics.height() + metrics.ascent() + kAxisGap),
                     caption);
    paintColourBar(painter, g.colourBar, options.value, limit);
}

void exportHeatmapFigure(const QString& path, const esm::SequenceScores& scores, HeatmapValue value,
                         const QString& title) {
    const double cell = std::clamp(1200.0 / std::max(1, scores.length()), 1.5, 10.0);
    const QSizeF size(scores.length() * cell + 170, 20 * 10 + 140);
    HeatmapOptions options;
    options.value = value;
    options.title = title;
    exportFigure(path, size, [&](QPainter& painter, const QRectF& area) {
        const auto geometry =
            heatmapGeometry(area.adjusted(6, 6, -6, -6), 0, scores.length(), painter.font(), true);
        paintHeatmap(painter, geometry, scores, options);
    });
}

} // namespace esmui
