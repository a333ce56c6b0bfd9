#include "ui/services/report/Report.h"

#include "ui/services/figures/FigureExport.h"
#include "ui/services/figures/HeatmapPainter.h"

#include <QObject>
#include <QPainter>

namespace esmui {
namespace {

constexpr double kPageWidth = 595, kPageHeight = 842, kMargin = 36; // A4 in points

// Lines of at most `perLine` residues, numbered.
QString wrappedSequence(const QString& sequence, int perLine) {
    QString text;
    for (int i = 0; i < sequence.size(); i += perLine)
        text += QStringLiteral("%1  %2\n").arg(i + 1, 5).arg(sequence.mid(i, perLine));
    return text;
}

} // namespace

void paintReport(QPainter& painter, const ReportContent& c) {
    QFont font = painter.font();
    font.setPixelSize(8);
    painter.setFont(font);
    painter.setPen(Qt::black);
    double y = kMargin;
    QFont heading = font;
    heading.setPixelSize(15);
    heading.setBold(true);
    painter.setFont(heading);
    painter.drawText(QPointF(kMargin, y + 12), c.title);
    painter.setFont(font);
    y += 22;
    // Structure image left, facts right.
    const double imageWidth = 300, imageHeight = 225;
    if (!c.structure.isNull())
        painter.drawImage(QRectF(kMargin, y, imageWidth, imageHeight), c.structure);
    painter.setPen(QPen(QColor(180, 180, 180), 0.5));
    painter.drawRect(QRectF(kMargin, y, imageWidth, imageHeight));
    painter.setPen(Qt::black);
    double factY = y;
    for (const QString& fact : c.facts) {
        const QRectF box(kMargin + imageWidth + 14, factY, kPageWidth - 2 * kMargin - imageWidth - 14, 60);
        const QRectF used = painter.boundingRect(box, Qt::TextWordWrap, fact);
        painter.drawText(box, Qt::TextWordWrap, fact);
        factY += used.height() + 5;
    }
    y += imageHeight + 10;
    const double half = (kPageWidth - 2 * kMargin) / 2;
    paintPlddtPlot(painter, QRectF(kMargin, y, half + 40, 190), c.plddt);
    paintMatrixPlot(painter, QRectF(kMargin + half + 44, y, half - 44, 190), c.pae);
    y += 196;
    if (c.scores) {
        HeatmapOptions options;
        options.title = QObject::tr("Language model: log-likelihood ratio of every substitution (%1)")
                            .arg(QString::fromStdString(esm::scoreModeName(c.scores->mode)));
        const auto geometry = heatmapGeometry(QRectF(kMargin, y, kPageWidth - 2 * kMargin, 190), 0,
                                              c.scores->length(), painter.font(), true);
        paintHeatmap(painter, geometry, *c.scores, options);
        y += 196;
    }
    QFont mono("Monospace");
    mono.setStyleHint(QFont::TypeWriter);
    mono.setPixelSize(7);
    painter.setFont(mono);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(kMargin, y, kPageWidth - 2 * kMargin, kPageHeight - y - kMargin),
                     Qt::AlignLeft | Qt::AlignTop,
                     QObject::tr("Sequence\n") + wrappedSequence(c.sequence, 80));
}

void writeReport(const QString& path, const ReportContent& c) {
    exportFigure(
        path, QSizeF(kPageWidth, kPageHeight),
        [&](QPainter& painter, const QRectF&) { paintReport(painter, c); }, 150);
}

} // namespace esmui
