#include "ui/services/document/ViewState.h"

namespace esmui {

std::optional<Style> parseStyle(const QString& name) {
    for (Style style :
         {Style::Cartoon, Style::Trace, Style::Sticks, Style::BallAndStick, Style::Spheres, Style::Surface})
        if (name == styleName(style))
            return style;
    return std::nullopt;
}

QString styleName(Style style) {
    switch (style) {
    case Style::Cartoon:
        return "cartoon";
    case Style::Trace:
        return "trace";
    case Style::Sticks:
        return "sticks";
    case Style::BallAndStick:
        return "ball-and-stick";
    case Style::Spheres:
        return "spheres";
    case Style::Surface:
        return "surface";
    }
    return {};
}

} // namespace esmui
