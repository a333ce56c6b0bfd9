#include "ui/services/figures/FigureExport.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace esmui {
namespace {

void paintInPoints(QPainter& painter, const QSizeF& size, const PaintFunction& paint) {
    QFont font = painter.font();
    font.setPixelSize(9);
    painter.setFont(font);
    painter.setPen(Qt::black); // QSvgGenerator writes fill="" on text otherwise
    paint(painter, QRectF(QPointF(0, 0), size));
}

QByteArray svg(const QSizeF& size, const PaintFunction& paint) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    generator.setResolution(72);
    QPainter painter(&generator);
    paintInPoints(painter, size, paint);
    painter.end();
    return buffer.data();
}

QByteArray pdf(const QSizeF& size, const PaintFunction& paint) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(size, QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72 * 4);
    writer.setCreator("ESM Explorer");
    QPainter painter(&writer);
    painter.scale(4, 4); // paint in points
    paintInPoints(painter, size, paint);
    painter.end();
    return buffer.data();
}

QByteArray png(const QSizeF& size, const PaintFunction& paint, int dpi) {
    const double scale = dpi / 72.0;
    QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    paintInPoints(painter, size, paint);
    painter.end();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return buffer.data();
}

} // namespace

bool isFigureFormat(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "svg" || suffix == "pdf" || suffix == "png";
}

void exportFigure(const QString& path, const QSizeF& size, const PaintFunction& paint, int pngDpi) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == "svg")
        bytes = svg(size, paint);
    else if (suffix == "pdf")
        bytes = pdf(size, paint);
    else if (suffix == "png")
        bytes = png(size, paint, pngDpi);
    else
        throw esm::Error(path.toStdString() + ": unknown figure format (use .svg, .pdf or .png)");
    esm::writeFileAtomically(path.toStdString(), bytes.toStdString());
}

} // namespace esmui
