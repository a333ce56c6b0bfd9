#include "ui/services/figures/PlddtPainter.h"

#include "ui/services/colouring/Colouring.h"
#include "ui/services/figures/PlotTitle.h"
#include "ui/services/figures/ResidueAxis.h"

#include <QObject>
#include <QPainter>
#include <QPainterPath>

namespace esmui {
namespace {

constexpr double kDeltaTrack = 40; // height of the ΔpLDDT track

double yOf(const QRectF& plot, double plddt) {
    return plot.bottom() - plot.height() * plddt / 100.0;
}
double xOf(const QRectF& plot, int position, int count) {
    return plot.left() + plot.width() * (position + 0.5) / count;
}

void drawCurve(QPainter& painter, const QRectF& plot, const std::vector<float>& values, const QPen& pen) {
    QPainterPath path;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const QPointF p(xOf(plot, int(i), int(values.size())), yOf(plot, values[i]));
        i == 0 ? path.moveTo(p) : path.lineTo(p);
    }
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
}

bool hasComparison(const PlddtPlotData& data) {
    return !data.comparison.empty() && data.comparison.size() == data.plddt.size();
}

// The title, and on a line of its own the compared fold's label (grey, as its dashed curve).
double titleHeight(const QRectF& area, const QFont& font, const PlddtPlotData& data) {
    return plotTitleHeight(font, data.label, area.width()) +
           (hasComparison(data) ? QFontMetricsF(font).height() : 0);
}

} // namespace

QRectF plddtPlotArea(const QRectF& area, const QFont& font, const PlddtPlotData& data) {
    const QFontMetricsF metrics(font);
    const double left = metrics.horizontalAdvance("100") + metrics.height() + 10;
    const double bottom = 2 * metrics.height() + 8 + (hasComparison(data) ? kDeltaTrack + 6 : 0);
    const double top = titleHeight(area, font, data) + 4 + metrics.ascent() / 2; // room for "100"
    return QRectF(area.left() + left, area.top() + top, area.width() - left - 10,
                  std::max(1.0, area.height() - bottom - top));
}

void paintPlddtPlot(QPainter& painter, const QRectF& area, const PlddtPlotData& data) {
    const QFontMetricsF metrics(painter.font());
    const bool comparing = hasComparison(data);
    const QRectF plot = plddtPlotArea(area, painter.font(), data);
    const int n = int(data.plddt.size());
    // The four bands, lightly.
    const std::pair<double, double> bands[] = {{90, 100}, {70, 90}, {50, 70}, {0, 50}};
    for (const auto& [low, high] : bands) {
        QColor c = toQColor(plddtBandColour((low + high) / 2));
        c.setAlpha(45);
        painter.fillRect(QRectF(plot.left(), yOf(plot, high), plot.width(), yOf(plot, low) - yOf(plot, high)),
                         c);
    }
    for (int p : data.selected)
        if (p >= 0 && p < n)
            painter.fillRect(QRectF(plot.left() + plot.width() * p / n, plot.top(),
                                    std::max(1.0, plot.width() / n), plot.height()),
                             QColor(124, 252, 0, 110));
    painter.setPen(Qt::black);
    drawPlotTitle(painter, area, data.label);
    if (n == 0) {
        painter.drawText(plot, Qt::AlignCenter, QObject::tr("No fold yet"));
        return;
    }
    if (comparing) {
        QPen dashed(QColor(120, 120, 120), 1.2, Qt::DashLine);
        drawCurve(painter, plot, data.comparison, dashed);
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(QRectF(area.left(),
                                area.top() + plotTitleHeight(painter.font(), data.label, area.width()),
                                area.width(), metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(data.comparisonLabel, Qt::ElideMiddle, area.width()));
    }
    drawCurve(painter, plot, data.plddt, QPen(QColor(20, 20, 20), 1.5));
    // Axes.
    painter.setPen(QPen(Qt::black, 0.8));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    double lastLabel = 1e9; // y of the last tick labelled; a short plot labels fewer ticks
    for (int v : {0, 50, 70, 90, 100}) {
        const double y = yOf(plot, v);
        painter.drawLine(QPointF(plot.left() - 3, y), QPointF(plot.left(), y));
        if (lastLabel - y < metrics.height() * 0.9)
            continue;
        lastLabel = y;
        const QString t = QString::number(v);
        painter.drawText(
            QPointF(plot.left() - 5 - metrics.horizontalAdvance(t), y + metrics.ascent() / 2 - 1), t);
    }
    painter.save();
    painter.translate(area.left() + metrics.ascent(), plot.center().y());
    painter.rotate(-90);
    painter.drawText(QPointF(-metrics.horizontalAdvance("pLDDT") / 2, 0), "pLDDT");
    painter.restore();
    double axisBottom = plot.bottom();
    if (comparing) {
        // ΔpLDDT = this fold - the compared one, bars around zero.
        const QRectF track(plot.left(), plot.bottom() + 6, plot.width(), kDeltaTrack);
        painter.fillRect(track, QColor(248, 248, 248));
        for (int i = 0; i < n; ++i) {
            const double delta =
                std::clamp(double(data.plddt[std::size_t(i)] - data.comparison[std::size_t(i)]), -50.0, 50.0);
            const double h = track.height() / 2 * delta / 50.0;
            painter.fillRect(QRectF(track.left() + track.width() * i / n,
                                    track.center().y() - std::max(0.0, h),
                                    std::max(1.0, track.width() / n * 0.9), std::abs(h)),
                             toQColor(valueColour(delta, 20)));
        }
        painter.setPen(QPen(Qt::black, 0.5));
        painter.drawRect(track);
        painter.drawText(QPointF(area.left(), track.center().y() + metrics.ascent() / 2),
                         QString::fromUtf8("Δ"));
        axisBottom = track.bottom();
    }
    for (int p : residueTicks(plot.width(), n, widestResidueName(metrics, data.labels, n) * 1.6)) {
        const double x = xOf(plot, p, n);
        const QString t = residueName(data.labels, p);
        painter.drawLine(QPointF(x, axisBottom), QPointF(x, axisBottom + 3));
        painter.drawText(QPointF(x - metrics.horizontalAdvance(t) / 2, axisBottom + 4 + metrics.ascent()), t);
    }
    painter.drawText(QPointF(plot.center().x() - metrics.horizontalAdvance("residue") / 2,
                             axisBottom + 6 + metrics.height() + metrics.ascent()),
                     "residue");
}

} // namespace esmui
