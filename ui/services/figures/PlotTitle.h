// A plot's title as figures and panels show it: whole, wrapped onto as many lines as the width
// needs, never cut to "exp…". The plot below it starts where the title ends.
#pragma once

#include <QFont>
#include <QPainter>
#include <QString>

namespace esmui {

// The height the title takes at `width` pixels; 0 for none.
double plotTitleHeight(const QFont& font, const QString& title, double width);
// Draws it from the top left of `box` (its width is the width it wraps to).
void drawPlotTitle(QPainter& painter, const QRectF& box, const QString& title);

} // namespace esmui
