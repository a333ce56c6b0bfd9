// Colour scales for plots: diverging for log-likelihood ratios, sequential for probabilities, and
// ChimeraX's `pae` palette for predicted aligned error.
#pragma once

#include <QColor>

namespace esmui {

// -1 .. 1: red (harmful, negative) through white (0) to blue (favoured, positive).
QColor divergingColour(double t);
// 0 .. 1: white to dark blue.
QColor sequentialColour(double t);
// Ångström: ChimeraX pae palette, 0 blue, 5 cornflowerblue, 10 yellow, 15 orange, 20 gray, 25 lightgray, 30
// white.
QColor paeColour(double angstroms);

} // namespace esmui
