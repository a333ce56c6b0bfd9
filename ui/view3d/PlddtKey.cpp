#include "ui/view3d/PlddtKey.h"

#include <QFontMetricsF>
#include <QPainter>

namespace esmui {

QImage plddtKeyImage(double scale, const KeyContents& contents) {
    const char* const bands[] = {"Very high (pLDDT > 90)", "Confident (90 > pLDDT > 70)",
                                 "Low (70 > pLDDT > 50)", "Very low (pLDDT < 50)"};
    std::vector<std::pair<Rgb, QString>> rows;
    for (std::size_t band = 0; band < std::size(bands); ++band)
        rows.emplace_back(plddtBandColours()[band], bands[band]);
    rows.insert(rows.end(), contents.others.begin(), contents.others.end());
    const QString title = contents.subject.isEmpty() ? QString() : "pLDDT of " + contents.subject;

    QFont font;
    font.setPixelSize(int(std::lround(13 * scale)));
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF metrics(font), boldMetrics(bold);
    const double padding = 6 * scale, swatch = metrics.height() * 0.8, line = metrics.height() * 1.25;
    const double titleHeight = title.isEmpty() ? 0 : line;
    double textWidth = title.isEmpty() ? 0 : boldMetrics.horizontalAdvance(title) - swatch - padding;
    for (const auto& row : rows)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(row.second));
    // The other structures sit below the bands, apart from them.
    const double gap = contents.others.empty() ? 0 : line / 3;
    const QSize size(int(std::ceil(2 * padding + swatch + padding + textWidth)),
                     int(std::ceil(2 * padding + titleHeight + double(rows.size()) * line + gap)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(QRectF(QPointF(0, 0), QSizeF(size)), 4 * scale, 4 * scale);
    painter.setPen(QColor(25, 25, 25));
    painter.setFont(bold);
    painter.drawText(QRectF(padding, padding, size.width() - 2 * padding, titleHeight),
                     Qt::AlignVCenter | Qt::AlignLeft, title);
    painter.setFont(font);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double top = padding + titleHeight + double(i) * line + (i >= std::size(bands) ? gap : 0);
        painter.setPen(Qt::NoPen);
        painter.setBrush(toQColor(rows[i].first));
        painter.drawRect(QRectF(padding, top + (line - swatch) / 2, swatch, swatch));
        painter.setPen(QColor(25, 25, 25));
        painter.drawText(QRectF(2 * padding + swatch, top, textWidth + padding, line),
                         Qt::AlignVCenter | Qt::AlignLeft, rows[i].second);
    }
    return image;
}

} // namespace esmui
