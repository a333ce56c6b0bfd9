#include "ui/services/figures/Palettes.h"

#include <algorithm>
#include <utility>

namespace esmui {
namespace {

// Linear interpolation between the stops (value, colour), clamped at both ends.
template <std::size_t N> QColor interpolate(const std::pair<double, QColor> (&stops)[N], double value) {
    if (value <= stops[0].first)
        return stops[0].second;
    for (std::size_t i = 1; i < N; ++i)
        if (value <= stops[i].first) {
            const double t = (value - stops[i - 1].first) / (stops[i].first - stops[i - 1].first);
            const QColor& a = stops[i - 1].second;
            const QColor& b = stops[i].second;
            return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())),
                                    float(a.greenF() + t * (b.greenF() - a.greenF())),
                                    float(a.blueF() + t * (b.blueF() - a.blueF())));
        }
    return stops[N - 1].second;
}

} // namespace

QColor divergingColour(double t) {
    // ColorBrewer RdBu.
    static const std::pair<double, QColor> stops[] = {{-1.0, QColor(103, 0, 31)},
                                                      {-0.5, QColor(214, 96, 77)},
                                                      {0.0, QColor(247, 247, 247)},
                                                      {0.5, QColor(67, 147, 195)},
                                                      {1.0, QColor(5, 48, 97)}};
    return interpolate(stops, t);
}

QColor sequentialColour(double t) {
    // ColorBrewer Blues.
    static const std::pair<double, QColor> stops[] = {{0.0, QColor(247, 251, 255)},
                                                      {0.25, QColor(198, 219, 239)},
                                                      {0.5, QColor(107, 174, 214)},
                                                      {0.75, QColor(33, 113, 181)},
                                                      {1.0, QColor(8, 48, 107)}};
    return interpolate(stops, t);
}

QColor paeColour(double angstroms) {
    static const std::pair<double, QColor> stops[] = {
        {0, QColor(0, 0, 255)},     {5, QColor(100, 149, 237)},  {10, QColor(255, 255, 0)},
        {15, QColor(255, 165, 0)},  {20, QColor(128, 128, 128)}, {25, QColor(211, 211, 211)},
        {30, QColor(255, 255, 255)}};
    return interpolate(stops, angstroms);
}

} // namespace esmui
