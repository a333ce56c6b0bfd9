#include "ui/services/figures/ResidueAxis.h"

#include <algorithm>
#include <cstdint>

namespace esmui {

QString residueName(const std::vector<QString>& labels, int index) {
    return index >= 0 && index < int(labels.size()) ? labels[std::size_t(index)] : QString::number(index + 1);
}

double widestResidueName(const QFontMetricsF& metrics, const std::vector<QString>& labels, int residues) {
    if (labels.empty())
        return metrics.horizontalAdvance(QString::number(residues));
    // Measured once, on the longest: labels differ in digits and a chain letter, of similar widths.
    const auto longest = std::max_element(
        labels.begin(), labels.end(), [](const QString& a, const QString& b) { return a.size() < b.size(); });
    return metrics.horizontalAdvance(*longest);
}

std::vector<int> residueTicks(double length, int residues, double spacing) {
    std::vector<int> ticks;
    if (residues <= 0)
        return ticks;
    std::int64_t step = 0;
    for (std::int64_t decade = 1; step == 0; decade *= 10)
        for (std::int64_t s : {decade, 2 * decade, 5 * decade})
            if (step == 0 && (length / residues * double(s) >= spacing || s >= residues))
                step = s;
    ticks.push_back(0);
    for (std::int64_t p = step - 1; p < residues; p += step)
        if (p > 0)
            ticks.push_back(int(p));
    return ticks;
}

} // namespace esmui
