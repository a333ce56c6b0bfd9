#include "ui/services/figures/PlotTitle.h"

#include <QFontMetricsF>

namespace esmui {

double plotTitleHeight(const QFont& font, const QString& title, double width) {
    if (title.isEmpty())
        return 0;
    const QFontMetricsF metrics(font);
    return metrics.boundingRect(QRectF(0, 0, std::max(1.0, width), 1e6), Qt::TextWordWrap, title).height();
}

void drawPlotTitle(QPainter& painter, const QRectF& box, const QString& title) {
    painter.drawText(QRectF(box.left(), box.top(), box.width(), 1e6),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, title);
}

} // namespace esmui
