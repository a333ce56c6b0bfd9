// What a session keeps of the 3D view: the representation, the colour scheme the user chose and
// the camera. The document holds it; the view draws it and writes back what the user turns.
#pragma once

#include "ui/services/colouring/Colouring.h"

#include <QString>

#include <optional>
#include <vector>

namespace esmui {

enum class Style { Cartoon, Trace, Sticks, BallAndStick, Spheres, Surface };

// "cartoon", "trace", "sticks", "ball-and-stick", "spheres", "surface"
std::optional<Style> parseStyle(const QString& name);
QString styleName(Style style);

struct ViewState {
    Style style = Style::Cartoon;           // of the polymer
    std::optional<ColorScheme> colorScheme; // none: the structure's default (pLDDT for predictions)
    // Position, focal point, view up (9 numbers), then the parallel scale and the view angle; empty
    // until the view has framed something.
    std::vector<double> camera;

    bool operator==(const ViewState&) const = default;
};

} // namespace esmui
