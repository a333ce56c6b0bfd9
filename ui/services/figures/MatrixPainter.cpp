#include "ui/services/figures/MatrixPainter.h"

#include "ui/services/figures/Palettes.h"
#include "ui/services/figures/PlotTitle.h"
#include "ui/services/figures/ResidueAxis.h"

#include "core/geometry/neighbours.h"

#include <QObject>
#include <QPainter>

#include <cstdint>

namespace esmui {
namespace {

constexpr double kColourBar = 12;

void paintColourBar(QPainter& painter, const QRectF& bar, const MatrixPlotData& data) {
    const QFontMetricsF metrics(painter.font());
    const int steps = 64;
    for (int i = 0; i < steps; ++i) {
        const double v = data.high - (data.high - data.low) * (i + 0.5) / steps;
        painter.fillRect(
            QRectF(bar.left(), bar.top() + bar.height() * i / steps, bar.width(), bar.height() / steps + 0.5),
            data.palette(v));
    }
    painter.setPen(QPen(Qt::black, 0.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    for (double t : {0.0, 0.5, 1.0}) {
        const double v = data.low + (data.high - data.low) * t;
        const double y = bar.bottom() - bar.height() * t;
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        painter.drawText(QPointF(bar.right() + 5, y + metrics.ascent() / 2 - 1), QString::number(v, 'g', 3));
    }
    painter.save();
    painter.translate(bar.right() + 8 + metrics.horizontalAdvance("0.00"), bar.center().y());
    painter.rotate(90);
    const QString label = metrics.elidedText(data.colourBarLabel, Qt::ElideRight, bar.height());
    painter.drawText(QPointF(-metrics.horizontalAdvance(label) / 2, -2), label);
    painter.restore();
}

// Residues to pixels: one each up to kMaxMatrixImageSide, then blocks of consecutive residues.
class MatrixBins {
  public:
    explicit MatrixBins(int residues) : residues_(residues), side_(std::min(residues, kMaxMatrixImageSide)) {}
    int side() const { return side_; }
    std::size_t pixels() const { return std::size_t(side_) * std::size_t(side_); }
    std::size_t pixel(int row, int column) const {
        return std::size_t(binOf(row)) * std::size_t(side_) + std::size_t(binOf(column));
    }
    QImage image() const { return side_ > 0 ? QImage(side_, side_, QImage::Format_RGB32) : QImage(); }

  private:
    int binOf(int residue) const { return int(std::int64_t(residue) * side_ / residues_); }
    int residues_, side_;
};

} // namespace

MatrixPlotData paeMatrix(const std::vector<float>& pae, int n, std::vector<QString> labels) {
    MatrixPlotData d;
    d.labels = std::move(labels);
    d.title = QObject::tr("Predicted aligned error");
    d.colourBarLabel = QObject::tr("expected position error (Å)");
    d.palette = paeColour;
    d.low = 0;
    d.high = 30;
    d.residues = n;
    // A block of pairs shows its mean error.
    const MatrixBins bins(n);
    std::vector<double> sum(bins.pixels(), 0.0);
    std::vector<int> count(bins.pixels(), 0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const std::size_t pixel = bins.pixel(i, j);
            sum[pixel] += pae[std::size_t(i) * std::size_t(n) + std::size_t(j)];
            ++count[pixel];
        }
    d.matrix = bins.image();
    for (int y = 0; y < bins.side(); ++y)
        for (int x = 0; x < bins.side(); ++x) {
            const std::size_t pixel = std::size_t(y) * std::size_t(bins.side()) + std::size_t(x);
            d.matrix.setPixel(x, y, paeColour(sum[pixel] / std::max(1, count[pixel])).rgb());
        }
    d.describe = [pae, n, labels = d.labels](int i, int j) {
        return QObject::tr("aligned on %1, error at %2: %3 Å")
            .arg(residueName(labels, i))
            .arg(residueName(labels, j))
            .arg(pae[std::size_t(i) * std::size_t(n) + std::size_t(j)], 0, 'f', 1);
    };
    return d;
}

MatrixPlotData contactMatrix(const std::vector<float>& contacts,
                             const std::vector<Eigen::Vector3d>& positions, double contactDistance, int n,
                             std::vector<QString> labels) {
    MatrixPlotData d;
    d.labels = std::move(labels);
    d.title = QObject::tr("Contacts: language model (upper) · structure < %1 Å (lower)").arg(contactDistance);
    d.colourBarLabel = QObject::tr("contact probability");
    d.palette = sequentialColour;
    d.residues = n;
    const MatrixBins bins(n);
    d.matrix = bins.image();
    d.matrix.fill(Qt::white);
    if (contacts.size() == std::size_t(n) * std::size_t(n)) {
        std::vector<float> highest(bins.pixels(), -1.f);
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j) {
                float& h = highest[bins.pixel(i, j)];
                h = std::max(h, contacts[std::size_t(i) * std::size_t(n) + std::size_t(j)]);
            }
        for (int y = 0; y < bins.side(); ++y)
            for (int x = y; x < bins.side(); ++x)
                if (const float h = highest[std::size_t(y) * std::size_t(bins.side()) + std::size_t(x)];
                    h >= 0)
                    d.matrix.setPixel(x, y, sequentialColour(h).rgb());
    }
    const QRgb inContact = QColor(60, 60, 60).rgb();
    if (positions.size() == std::size_t(n))
        esm::forEachPairCloserThan(positions, contactDistance, [&](int i, int j) {
            const std::size_t pixel = bins.pixel(j, i);
            d.matrix.setPixel(int(pixel % std::size_t(bins.side())), int(pixel / std::size_t(bins.side())),
                              inContact);
        });
    d.describe = [contacts, positions, contactDistance, n, labels = d.labels](int i, int j) {
        const std::size_t k = std::size_t(std::min(i, j)) * std::size_t(n) + std::size_t(std::max(i, j));
        QString text = QObject::tr("%1 – %2").arg(residueName(labels, i), residueName(labels, j));
        if (k < contacts.size())
            text += QObject::tr(": contact probability %1").arg(contacts[k], 0, 'f', 3);
        if (positions.size() == std::size_t(n) && esm::usablePosition(positions[std::size_t(i)]) &&
            esm::usablePosition(positions[std::size_t(j)]))
            text += (positions[std::size_t(i)] - positions[std::size_t(j)]).norm() < contactDistance
                        ? QObject::tr(", in contact in the structure")
                        : QObject::tr(", apart in the structure");
        return text;
    };
    return d;
}

QRectF matrixPlotSquare(const QRectF& area, const QFont& font, const MatrixPlotData& data) {
    const QFontMetricsF metrics(font);
    const double left =
        std::max(metrics.horizontalAdvance("0000"), widestResidueName(metrics, data.labels, data.residues)) +
        8;
    const double top = plotTitleHeight(font, data.title, area.width()) + 6;
    const double right = kColourBar + 16 + metrics.horizontalAdvance("0.000") + metrics.height();
    const double bottom = metrics.height() * 2 + 8;
    const double side = std::max(10.0, std::min(area.width() - left - right, area.height() - top - bottom));
    return QRectF(area.left() + left, area.top() + top, side, side);
}

void paintMatrixPlot(QPainter& painter, const QRectF& area, const MatrixPlotData& data) {
    const QFontMetricsF metrics(painter.font());
    const QRectF square = matrixPlotSquare(area, painter.font(), data);
    painter.setPen(Qt::black);
    drawPlotTitle(painter, area, data.title);
    const int n = data.residues;
    if (n == 0 || data.matrix.isNull()) {
        painter.drawText(square, Qt::AlignCenter, QObject::tr("Nothing to show yet"));
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(square, data.matrix);
    painter.restore();
    painter.setPen(QPen(Qt::black, 0.8));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(square);
    for (int p : residueTicks(square.width(), n, widestResidueName(metrics, data.labels, n) * 1.8)) {
        const double at = (p + 0.5) / n;
        const QString t = residueName(data.labels, p);
        const double x = square.left() + square.width() * at, y = square.top() + square.height() * at;
        painter.drawLine(QPointF(x, square.bottom()), QPointF(x, square.bottom() + 3));
        painter.drawText(
            QPointF(x - metrics.horizontalAdvance(t) / 2, square.bottom() + 4 + metrics.ascent()), t);
        painter.drawLine(QPointF(square.left() - 3, y), QPointF(square.left(), y));
        painter.drawText(
            QPointF(square.left() - 5 - metrics.horizontalAdvance(t), y + metrics.ascent() / 2 - 1), t);
    }
    painter.drawText(QPointF(square.center().x() - metrics.horizontalAdvance("residue") / 2,
                             square.bottom() + 6 + metrics.height() + metrics.ascent()),
                     "residue");
    paintColourBar(painter, QRectF(square.right() + 10, square.top(), kColourBar, square.height()), data);
}

} // namespace esmui
