#include "bench_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace esm {

std::string BenchTable::markdown() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string text = "|";
        for (const auto& c : cells)
            text += " " + c + " |";
        return text + "\n";
    };
    std::string text = line(columns);
    text += line(std::vector<std::string>(columns.size(), "---"));
    for (const auto& row : rows)
        text += line(row);
    for (const auto& note : notes)
        text += "\n" + note + "\n";
    return text;
}

TimingSummary summarize(std::vector<double> samples) {
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    const std::size_t n = samples.size();
    const double median = n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
    const double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / double(n);
    double squares = 0;
    for (double s : samples)
        squares += (s - mean) * (s - mean);
    return {median, n > 1 ? std::sqrt(squares / double(n - 1)) : 0.0};
}

std::string formatNumber(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace esm
