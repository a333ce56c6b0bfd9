#include "structure/PlddtKey.h"

#include "structure/Colouring.h"

#include <QFontMetricsF>
#include <QPainter>

namespace esmui {

QImage plddtKeyImage(double scale) {
    const std::pair<double, const char*> bands[] = {{95, "Very high (pLDDT > 90)"},
                                                    {80, "Confident (90 > pLDDT > 70)"},
                                                    {60, "Low (70 > pLDDT > 50)"},
                                                    {25, "Very low (pLDDT < 50)"}};
    QFont font;
    font.setPixelSize(int(std::lround(13 * scale)));
    const QFontMetricsF metrics(font);
    const double padding = 6 * scale, swatch = metrics.height() * 0.8, line = metrics.height() * 1.25;
    double textWidth = 0;
    for (const auto& band : bands)
        textWidth = std::max(textWidth, metrics.horizontalAdvance(band.second));
    const QSize size(int(std::ceil(2 * padding + swatch + padding + textWidth)),
                     int(std::ceil(2 * padding + 4 * line)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(QRectF(QPointF(0, 0), QSizeF(size)), 4 * scale, 4 * scale);
    painter.setFont(font);
    for (int i = 0; i < 4; ++i) {
        const double top = padding + i * line;
        painter.setPen(Qt::NoPen);
        painter.setBrush(toQColor(plddtBandColour(bands[i].first)));
        painter.drawRect(QRectF(padding, top + (line - swatch) / 2, swatch, swatch));
        painter.setPen(QColor(25, 25, 25));
        painter.drawText(QRectF(2 * padding + swatch, top, textWidth + padding, line),
                         Qt::AlignVCenter | Qt::AlignLeft, bands[i].second);
    }
    return image;
}

} // namespace esmui
