// Publication figures from any painting function: SVG (vector), PDF (vector) or PNG (raster at
// print resolution), chosen by the file's extension and written atomically.
#pragma once

#include <QPainter>
#include <QSizeF>
#include <QString>

#include <functional>

namespace esmui {

using PaintFunction = std::function<void(QPainter& painter, const QRectF& area)>;

// `size` in points (1/72 inch); the painter paints in points, with a 9-point font set (fonts must be
// sized in pixels, which here are points, to come out alike in every format). PNG renders at `pngDpi`. Throws
// esm::Error naming the path and the reason (unknown extension, unwritable folder).
void exportFigure(const QString& path, const QSizeF& size, const PaintFunction& paint, int pngDpi = 300);

// "svg", "pdf", "png": what exportFigure writes.
bool isFigureFormat(const QString& path);

} // namespace esmui
